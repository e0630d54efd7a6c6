// The string_decoder module, written for mfactl: StringDecoder keeps the bytes of a character (or of
// a base64 group) split between two writes.
(function (host, I, require) {
  'use strict';
  const Buffer = host.builtin('buffer').Buffer;
  const NAMES = { 'utf8': 'utf8', 'utf-8': 'utf8', 'hex': 'hex', 'base64': 'base64', 'base64url': 'base64url',
    'latin1': 'latin1', 'binary': 'latin1', 'ascii': 'ascii', 'ucs2': 'utf16le', 'ucs-2': 'utf16le',
    'utf16le': 'utf16le', 'utf-16le': 'utf16le' };
  const kPending = I.Symbol('pending');

  function pendingUTF8(data) {
    const n = data.length;
    for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
      const b = data[i];
      if ((b & 0xC0) === 0x80) { continue; }
      if (b >= 0xC0) {
        const need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return n - i < need ? n - i : 0;
      }
      return 0;
    }
    return 0;
  }

  class StringDecoder {
    constructor(encoding) {
      const e = encoding === undefined || encoding === null ? 'utf8' : NAMES[I.String(encoding).toLowerCase()];
      if (e === undefined) {
        const err = new I.TypeError('Unknown encoding: ' + encoding);
        err.code = 'ERR_UNKNOWN_ENCODING';
        throw err;
      }
      this.encoding = e;
      this[kPending] = Buffer.alloc(0);
    }
    write(buf) {
      if (typeof buf === 'string') { return buf; }
      const data = this[kPending].length ? Buffer.concat([this[kPending], buf]) : Buffer.from(buf);
      let keep = 0;
      switch (this.encoding) {
        case 'utf8': keep = pendingUTF8(data); break;
        case 'base64': case 'base64url': keep = data.length % 3; break;
        case 'utf16le': keep = data.length % 2; break;
      }
      this[kPending] = Buffer.from(data.subarray(data.length - keep));
      return data.toString(this.encoding, 0, data.length - keep);
    }
    end(buf) {
      let s = buf === undefined ? '' : this.write(buf);
      if (this[kPending].length) {
        s += this[kPending].toString(this.encoding);
        this[kPending] = Buffer.alloc(0);
      }
      return s;
    }
  }
  return { StringDecoder: StringDecoder };
})
