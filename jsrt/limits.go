package jsrt

import "time"

// Limits on what Action code can make the engine do. An Action is untrusted input (it arrives in pull
// requests), and goja runs its built-ins (Array.prototype.join, JSON.stringify, new ArrayBuffer …) as Go
// code that neither checks the interrupt nor bounds what it allocates. These limits keep every such
// step short and small; docs/simulation.md ("Limits on Action code") explains them.
const (
	// MaxElements bounds the length of an array (or array-like) that a built-in loops over, and the
	// number of elements of a typed array.
	MaxElements = 1 << 17
	// MaxArgs bounds the argument list of Function.prototype.apply, Reflect.apply and Reflect.construct.
	MaxArgs = 1 << 16
	// MaxString bounds the length of a string that a built-in builds (repeat, padStart, join, replace,
	// JSON.stringify …), in UTF-16 code units.
	MaxString = 1 << 25
	// MaxBuffer bounds the byte length of an ArrayBuffer (eight bytes for each of MaxElements).
	MaxBuffer = 8 * MaxElements
	// MaxRegExpSource bounds the length of a regular expression's pattern built at run time.
	MaxRegExpSource = 1 << 15
	// MaxRegExpInput bounds the length of the string that RegExp.prototype.test, String.prototype.match,
	// matchAll, replace, search and split search with a regular expression.
	MaxRegExpInput = 1 << 20
	// MaxNesting bounds how deeply JSON.parse input, JSON.stringify output, proxies and bound
	// functions nest.
	MaxNesting = 1000
	// MaxSource bounds the source of an Action (Auth0 accepts 100 kB) or a mocked module. Code made
	// from strings at run time (eval, new Function) is not run at all.
	MaxSource = 128 << 10
	// MaxSourceBrackets bounds how deeply brackets nest in source code, MaxSourceDepth how deeply its
	// syntax tree nests, and MaxSourceLabels how many labelled statements it has: goja's parser and
	// compiler recurse (and slow down quadratically) on each of these.
	MaxSourceBrackets = 256
	MaxSourceDepth    = 2000
	MaxSourceLabels   = 1000
	// MaxJSONParse bounds the text JSON.parse reads, in UTF-16 code units: each character can become
	// a few hundred bytes of objects ("[{},{},…").
	MaxJSONParse = 1 << 20

	// MaxRecordLength, MaxRecordDepth and MaxRecordBytes bound one value recorded from an api call (or
	// the event and cache handed back after a run): the length of an array or the keys of an object,
	// the nesting, and the size as JSON. MaxRecordedBytes and MaxCalls bound a whole run.
	MaxRecordLength  = 10000
	MaxRecordDepth   = 64
	MaxRecordBytes   = 1 << 20
	MaxRecordedBytes = 4 << 20
	MaxCalls         = 10000

	// Grace is how long a run may go on after it was interrupted (timeout, memory, cancel) before Run
	// gives up on it: goja checks the interrupt only between instructions, so a run stuck in a Go
	// built-in is abandoned and reported as stopped.
	Grace = 500 * time.Millisecond
)
