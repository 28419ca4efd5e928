package watch

import (
	"context"
	"time"
)

// Run delivers batches of changes to deliver until ctx is cancelled or the
// Watcher is closed, and returns after the last call to deliver returned.
// deliver runs on its own goroutine, one call at a time; changes that
// arrive while it runs are collected and delivered as one batch when it
// returns, so an edit during a rebuild gives exactly one more rebuild.
func (w *Watcher) Run(ctx context.Context, deliver func(Batch)) {
	b := newBatcher(w.opts.Quiet, w.opts.MaxDelay)
	if w.startWarn != "" {
		b.addRescan(time.Now(), w.startWarn)
	}
	ready := make(chan Batch)
	done := make(chan struct{}, 1)
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		for batch := range ready {
			deliver(batch)
			done <- struct{}{}
		}
	}()
	defer func() {
		close(ready)
		<-exited
	}()

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	busy := false
	for {
		if !busy {
			if batch, ok := b.take(time.Now()); ok {
				ready <- batch
				busy = true
			}
		}
		if at, ok := b.due(); ok && !busy {
			timer.Reset(time.Until(at))
		} else {
			timer.Stop()
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.events:
			if !ok {
				return
			}
			w.handle(ev, b, time.Now())
		case err, ok := <-w.errs:
			if !ok {
				return
			}
			w.handleError(err, b, time.Now())
		case <-done:
			busy = false
		case <-timer.C:
		}
	}
}
