package cmd

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/mfactl/mfactl/deploy"
)

// deployProgress prints one line per finished step on stderr and, on a terminal, a spinner line
// while Actions build and deploy.
type deployProgress struct {
	w      io.Writer
	redact func(string) string
	quiet  bool
	tty    bool

	mu      sync.Mutex
	waiting map[*deploy.Step]string
	spin    int
	drawn   bool
	stop    chan struct{}
}

// newDeployProgress prints through line, which redacts a text and keeps it on one line.
func newDeployProgress(app *App, line func(string) string) *deployProgress {
	p := &deployProgress{w: app.Stderr, redact: line, quiet: app.v.GetBool("quiet"), waiting: map[*deploy.Step]string{}}
	if f, ok := terminal(app.Stderr); ok && app.getenv("TERM") != "dumb" {
		p.tty = isatty.IsTerminal(f.Fd())
	}
	return p
}

func (p *deployProgress) event(e deploy.Event) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	switch e.Kind {
	case deploy.StepStarted:
		if !p.tty {
			return
		}
	case deploy.StepWaiting:
		p.waiting[e.Step] = e.Message
		if !p.tty {
			fmt.Fprintf(p.w, "… %s\n", p.redact(e.Step.Change+" "+e.Step.Resource+": "+e.Message))
		}
		p.startSpinner()
	case deploy.StepDone:
		delete(p.waiting, e.Step)
		fmt.Fprintf(p.w, "✓ %s\n", p.redact(e.Step.Change+" "+e.Step.Resource))
	case deploy.StepFailed:
		delete(p.waiting, e.Step)
		fmt.Fprintf(p.w, "✗ %s\n", p.redact(e.Step.Change+" "+e.Step.Resource+": "+e.Message))
	}
	if len(p.waiting) == 0 {
		p.stopSpinner()
	}
	p.draw()
}

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (p *deployProgress) startSpinner() {
	if !p.tty || p.stop != nil {
		return
	}
	p.stop = make(chan struct{})
	go func(stop chan struct{}) {
		defer func() { _ = recover() }() // a spinner that fails must not take the deploy with it
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				func() {
					p.mu.Lock()
					defer p.mu.Unlock()
					p.spin++
					p.clear()
					p.draw()
				}()
			}
		}
	}(p.stop)
}

func (p *deployProgress) stopSpinner() {
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// draw shows the spinner line (caller holds mu).
func (p *deployProgress) draw() {
	if !p.tty || len(p.waiting) == 0 {
		return
	}
	var msg string
	if len(p.waiting) == 1 {
		for s, m := range p.waiting {
			msg = s.Resource + ": " + m
		}
	} else {
		msg = fmt.Sprintf("waiting for %d Actions to build and deploy", len(p.waiting))
	}
	fmt.Fprintf(p.w, "%s %s", spinnerFrames[p.spin%len(spinnerFrames)], p.redact(msg))
	p.drawn = true
}

// clear erases the spinner line (caller holds mu).
func (p *deployProgress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// close stops the spinner and erases its line.
func (p *deployProgress) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopSpinner()
	p.clear()
}
