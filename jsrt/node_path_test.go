package jsrt

import (
	"encoding/json"
	"testing"
)

// TestPathModule: path (POSIX) gives what Node 22 gives, with "/" as the working directory; the
// expected values were printed by Node for the same calls.
func TestPathModule(t *testing.T) {
	src := "exports.onExecutePostLogin = async (event, api) => {\n" + pathCases + "\n};"
	r := runAction(t, src, Options{})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got, _ := r.Calls[0].Args[1].(string)
	var g, w []any
	_ = json.Unmarshal([]byte(got), &g)
	_ = json.Unmarshal([]byte(pathWant), &w)
	if len(g) != len(w) {
		t.Fatalf("got %d results, want %d", len(g), len(w))
	}
	for i := range w {
		gj, _ := json.Marshal(g[i])
		wj, _ := json.Marshal(w[i])
		if string(gj) != string(wj) {
			t.Errorf("got  %s\nwant %s", gj, wj)
		}
	}
}

const pathCases = `const path = require('node:path').posix;
const cases = [
 ['normalize','/a//b/../c/.'], ['normalize',''], ['normalize','a/b/'], ['normalize','./x'], ['normalize','../../a'],
 ['join','a','','b/','../c'], ['join'], ['join','/a','/b'],
 ['resolve','a','b'], ['resolve','/x','y','../z'], ['resolve'], ['resolve','/a/b/'],
 ['dirname','/a/b/'], ['dirname','a'], ['dirname','/a'], ['dirname','/'], ['dirname',''], ['dirname','a/b//'],
 ['basename','/a/b.js','.js'], ['basename','/a/b/'], ['basename','/'], ['basename','.js','.js'], ['basename','x.tar.gz','.gz'], ['basename','bbb','bbb'], ['basename','aaa/bbb','bbb'], ['basename','x/.js','.js'],
 ['extname','a.b.c'], ['extname','.bashrc'], ['extname','a.'], ['extname','a'], ['extname','/x/y.md/'],
 ['relative','/a/b/c','/a/d'], ['relative','/a','/a'], ['relative','/a/b','/a/b/c/d'], ['relative','x','/'],
 ['isAbsolute','/a'], ['isAbsolute','a'],
];
const out = cases.map(([f, ...a]) => [f, a, path[f](...a)]);
out.push(['parse', ['/home/u/file.txt'], JSON.stringify(path.parse('/home/u/file.txt'))]);
out.push(['parse', ['file'], JSON.stringify(path.parse('file'))]);
out.push(['parse', ['/'], JSON.stringify(path.parse('/'))]);
out.push(['format', ['{dir:/a,name:b,ext:.c}'], path.format({dir:'/a',name:'b',ext:'.c'})]);
out.push(['format', ['{root:/,base:x}'], path.format({root:'/',base:'x'})]);
api.idToken.setCustomClaim('https://x/path', JSON.stringify(out));
`

const pathWant = `[["normalize",["/a//b/../c/."],"/a/c"],["normalize",[""],"."],["normalize",["a/b/"],"a/b/"],["normalize",["./x"],"x"],["normalize",["../../a"],"../../a"],["join",["a","","b/","../c"],"a/c"],["join",[],"."],["join",["/a","/b"],"/a/b"],["resolve",["a","b"],"/a/b"],["resolve",["/x","y","../z"],"/x/z"],["resolve",[],"/"],["resolve",["/a/b/"],"/a/b"],["dirname",["/a/b/"],"/a"],["dirname",["a"],"."],["dirname",["/a"],"/"],["dirname",["/"],"/"],["dirname",[""],"."],["dirname",["a/b//"],"a"],["basename",["/a/b.js",".js"],"b"],["basename",["/a/b/"],"b"],["basename",["/"],""],["basename",[".js",".js"],""],["basename",["x.tar.gz",".gz"],"x.tar"],["basename",["bbb","bbb"],""],["basename",["aaa/bbb","bbb"],"bbb"],["basename",["x/.js",".js"],".js"],["extname",["a.b.c"],".c"],["extname",[".bashrc"],""],["extname",["a."],"."],["extname",["a"],""],["extname",["/x/y.md/"],".md"],["relative",["/a/b/c","/a/d"],"../../d"],["relative",["/a","/a"],""],["relative",["/a/b","/a/b/c/d"],"c/d"],["relative",["x","/"],".."],["isAbsolute",["/a"],true],["isAbsolute",["a"],false],["parse",["/home/u/file.txt"],"{\"root\":\"/\",\"dir\":\"/home/u\",\"base\":\"file.txt\",\"ext\":\".txt\",\"name\":\"file\"}"],["parse",["file"],"{\"root\":\"\",\"dir\":\"\",\"base\":\"file\",\"ext\":\"\",\"name\":\"file\"}"],["parse",["/"],"{\"root\":\"/\",\"dir\":\"/\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"}"],["format",["{dir:/a,name:b,ext:.c}"],"/a/b.c"],["format",["{root:/,base:x}"],"/x"]]`
