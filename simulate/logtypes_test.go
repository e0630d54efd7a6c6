package simulate

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestLogTypesListed keeps logTypes complete: every log type the simulation writes (a literal passed
// to l.log, l.fail or as a start log) is listed, so expect.logs[].type accepts it and the trace
// colours it.
func TestLogTypesListed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	lit := regexp.MustCompile(`l\.(?:log|fail)\((?:\w+, )?"([a-z_]+)"|"(gd_[a-z_]+)"`)
	found := 0
	for _, f := range files {
		if filepath.Base(f) == "logtypes.go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(data), -1) {
			typ := m[1] + m[2]
			found++
			if _, ok := logTypes[typ]; !ok {
				t.Errorf("%s writes log type %q, which logTypes does not list", f, typ)
			}
		}
	}
	if found < 15 {
		t.Fatalf("found only %d log type literals; the pattern is out of date", found)
	}
}
