// The tty module, written for mfactl: a login has no terminal, so isatty is false for every file
// descriptor, and ReadStream and WriteStream cannot be made.
(function (host, I, require) {
  'use strict';
  function noTerminal(name) {
    const err = new I.Error('tty.' + name + ': an Action runs without a terminal (isatty() is false for every file descriptor), so there is no TTY stream to open');
    err.code = 'ERR_TTY_INIT_FAILED';
    return err;
  }
  function ReadStream() { throw noTerminal('ReadStream'); }
  function WriteStream() { throw noTerminal('WriteStream'); }
  ReadStream.prototype.isTTY = true;
  WriteStream.prototype.isTTY = true;
  return {
    isatty: function isatty(fd) { return false; },
    ReadStream: ReadStream,
    WriteStream: WriteStream,
  };
})
