package loadgen

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// chunkLoad writes a population in chunks of students on the loader's writers.
type chunkLoad struct {
	loader     bulkLoader
	p          *population
	opt        PopulateOptions
	base       int64 // user ids are base + student number
	chunk      int   // students per transaction
	bar        *progress
	redisItems atomic.Int64
}

// loadAll generates and writes every student, warms their schedules when asked, and fills
// res with the load's figures.
func loadAll(ctx context.Context, loader bulkLoader, p *population, opt PopulateOptions, base int64, res *PopulateResult) error {
	warm := opt.WarmRedis && opt.Redis != nil
	var memBefore int64
	if warm {
		var err error
		if memBefore, err = usedMemory(ctx, opt.Redis); err != nil {
			return err
		}
	}
	c := &chunkLoad{loader: loader, p: p, opt: opt, base: base,
		chunk: max(1, chunkRows(loader)/rowsPerStudent(opt.Shape, p.cat))}
	c.bar = startProgress(opt.Progress, "populate", int64(opt.Students), 500*time.Millisecond)
	err := c.run(ctx)
	res.Elapsed, res.Rows = c.bar.finish()
	res.RowsPerSecond = float64(res.Rows) / max(res.Elapsed.Seconds(), 1e-9)
	if err != nil || !warm {
		return err
	}
	memAfter, err := usedMemory(ctx, opt.Redis)
	res.RedisItems = c.redisItems.Load()
	res.RedisBytesPerKey = float64(memAfter-memBefore) / float64(max(res.RedisItems, 1))
	return err
}

// run hands chunks to the writers until all are written or one fails.
func (c *chunkLoad) run(ctx context.Context) error {
	workers := c.loader.writers()
	if c.opt.Workers > 0 {
		workers = min(workers, c.opt.Workers)
	}
	starts := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.write(ctx, starts); err != nil {
				errs <- err
			}
		}()
	}
	err := feedChunks(ctx, starts, errs, c.opt.Students, c.chunk)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs // nil when every writer succeeded
	}
	return err
}

// write loads the chunks starting at the student numbers it receives.
func (c *chunkLoad) write(ctx context.Context, starts <-chan int) error {
	gen := newGenerator(c.opt.Shape, c.p.cat, c.p.now, institutionZone())
	for first := range starts {
		students := make([]Student, 0, c.chunk)
		var rows int64
		for n := first; n < min(first+c.chunk, c.opt.Students+1); n++ {
			s := gen.student(n, c.base+int64(n))
			for t := range bulkTables {
				rows += int64(c.p.count(t, &s))
			}
			students = append(students, s)
		}
		if err := c.loader.load(ctx, c.p, students); err != nil {
			return err
		}
		if c.opt.WarmRedis && c.opt.Redis != nil {
			items, err := warmSchedules(ctx, c.opt.Redis, c.p.cat.Season, students)
			if err != nil {
				return err
			}
			c.redisItems.Add(items)
		}
		c.bar.add(int64(len(students)), rows)
	}
	return nil
}

// feedChunks hands out the first student number of every chunk until done or a writer fails.
func feedChunks(ctx context.Context, starts chan<- int, errs chan error, students, chunk int) error {
	defer close(starts)
	for first := 1; first <= students; first += chunk {
		select {
		case starts <- first:
		case err := <-errs:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// chunkRows is the rows per transaction: SQLite's single writer wants tens of thousands,
// COPY streams happily take more.
func chunkRows(loader bulkLoader) int {
	if _, ok := loader.(*liteLoader); ok {
		return 30_000
	}
	return 100_000
}
