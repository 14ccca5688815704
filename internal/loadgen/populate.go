package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/identity"
	"memora/internal/store"
)

// Index policies around a load.
const (
	IndexAuto    = "auto"    // rebuild when the load at least doubles a table of ≥ 1M rows
	IndexKeep    = "keep"    // load with every index in place
	IndexRebuild = "rebuild" // drop plain indexes first, build them once at the end
)

// PopulateOptions describe a population run.
type PopulateOptions struct {
	Shape
	Now       time.Time
	Reset     bool                  // delete the loadgen institution's previous users first
	Redis     redis.UniversalClient // nil: no Redis
	WarmRedis bool                  // write every schedule into Redis (else leave it cold)
	IndexMode string
	Workers   int       // concurrent chunk loaders (PostgreSQL); 0 = the engine's default
	Progress  io.Writer // the progress bar (stderr); nil = none
}

// PopulateResult is what a population wrote and how fast.
type PopulateResult struct {
	Engine           store.Engine  `json:"engine"`
	Students         int           `json:"students"`
	RecordsPerUser   int           `json:"records_per_student"`
	FirstUserID      int64         `json:"first_user_id"`
	Rows             int64         `json:"rows"`
	Elapsed          time.Duration `json:"elapsed_ns"`
	RowsPerSecond    float64       `json:"rows_per_second"`
	IndexRebuild     time.Duration `json:"index_rebuild_ns,omitempty"`
	RebuiltIndexes   []string      `json:"rebuilt_indexes,omitempty"`
	Tables           []TableSize   `json:"tables"`
	RedisItems       int64         `json:"redis_items,omitempty"`
	RedisBytesPerKey float64       `json:"redis_bytes_per_item,omitempty"`
}

// Populate builds the synthetic institution: N students × M memory records with history,
// loaded in bulk, and optionally their Redis schedules.
func Populate(ctx context.Context, st store.Store, opt PopulateOptions) (PopulateResult, error) {
	if opt.Students < 1 || opt.Records < 1 || opt.Sessions < 0 {
		return PopulateResult{}, errors.New("populate: students and records must be at least 1, sessions at least 0")
	}
	if opt.WarmRedis && opt.Redis == nil {
		return PopulateResult{}, errors.New("populate: --warm-redis needs MEMORA_REDIS_URL")
	}
	switch opt.IndexMode {
	case "":
		opt.IndexMode = IndexAuto
	case IndexAuto, IndexKeep, IndexRebuild:
	default:
		return PopulateResult{}, fmt.Errorf("populate: index mode %q is not auto, keep or rebuild", opt.IndexMode)
	}
	loader, err := newBulkLoader(st)
	if err != nil {
		return PopulateResult{}, err
	}
	cat, err := prepareContent(ctx, st, opt.Records, opt.Now)
	if err != nil {
		return PopulateResult{}, err
	}
	if opt.Records > len(cat.Atoms) {
		return PopulateResult{}, fmt.Errorf("populate: only %d distinct questions for %d records", len(cat.Atoms), opt.Records)
	}
	if err := clearPrevious(ctx, loader, opt, cat.Season); err != nil {
		return PopulateResult{}, err
	}
	base, err := loader.maxUserID(ctx)
	if err != nil {
		return PopulateResult{}, err
	}
	hash, err := identity.HashPassword(Password) // once: argon2 per student would take hours
	if err != nil {
		return PopulateResult{}, err
	}
	if err := partitionSeason(ctx, st, loader, cat.Season); err != nil {
		return PopulateResult{}, err
	}
	res := PopulateResult{Engine: st.Engine(), Students: opt.Students, RecordsPerUser: opt.Records, FirstUserID: base + 1}
	rebuild, err := dropIndexesFor(ctx, loader, opt, cat)
	if err != nil {
		return res, err
	}
	p := &population{cat: cat, institution: Institution, passwordHash: hash, now: opt.Now.UTC()}
	loadErr := loadAll(ctx, loader, p, opt, base, &res)
	// Indexes come back even when the load failed: the schema must not stay without them.
	res.IndexRebuild, err = rebuildIndexes(context.WithoutCancel(ctx), loader, rebuild)
	if err := errors.Join(loadErr, err); err != nil {
		return res, err
	}
	for _, ix := range rebuild {
		res.RebuiltIndexes = append(res.RebuiltIndexes, ix.name)
	}
	if err := loader.finish(ctx); err != nil {
		return res, err
	}
	res.Tables, err = loader.sizes(ctx)
	return res, err
}

// clearPrevious removes the previous population (--reset) or refuses to load over it.
func clearPrevious(ctx context.Context, loader bulkLoader, opt PopulateOptions, season string) error {
	if opt.Reset {
		return resetLoadgen(ctx, loader, opt.Redis, season)
	}
	ids, err := loader.userIDs(ctx, Institution)
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		return fmt.Errorf("populate: the %s institution already has %d users: add --reset to replace them", Institution, len(ids))
	}
	return nil
}

// partitionSeason gives the season the memory-state partition a season created by an admin
// has (an imported one may lack it), and loads straight into it on PostgreSQL.
func partitionSeason(ctx context.Context, st store.Store, loader bulkLoader, season string) error {
	partitioned, err := st.SeasonPartitionEnsure(ctx, season)
	if err != nil {
		return fmt.Errorf("populate: %w", err)
	}
	if partitioned {
		if err := st.SeasonSetPartitionCreated(ctx, season, true); err != nil {
			return fmt.Errorf("populate: %w", err)
		}
	}
	if pl, ok := loader.(*pgLoader); ok {
		return pl.usePartitionOf(ctx, season)
	}
	return nil
}

func resetLoadgen(ctx context.Context, loader bulkLoader, rdb redis.UniversalClient, season string) error {
	if rdb != nil {
		ids, err := loader.userIDs(ctx, Institution)
		if err != nil {
			return err
		}
		if err := dropSchedules(ctx, rdb, season, ids); err != nil {
			return err
		}
	}
	return loader.reset(ctx, Institution)
}

// institutionZone is the loadgen institution's time zone (its "today").
func institutionZone() *time.Location {
	loc, err := time.LoadLocation("Asia/Amman")
	if err != nil {
		return time.UTC
	}
	return loc
}
