package season

import (
	"context"
	"fmt"
)

// Maintained is the result of the daily partition maintenance.
type Maintained struct {
	Partitioned bool     `json:"partitioned"`
	Ensured     []string `json:"ensured_seasons"`
	Failed      []string `json:"failed_seasons"`
}

// EnsurePartitions gives every season that is not archived its memory-state partition
// (seasons imported or created while a partition could not be made catch up here) and
// records partition_created only where one really exists (weak point 32).
func (s *Service) EnsurePartitions(ctx context.Context) (Maintained, error) {
	list, err := s.Store.SeasonList(ctx)
	if err != nil {
		return Maintained{}, fmt.Errorf("partition maintenance: %w", err)
	}
	out := Maintained{Ensured: []string{}, Failed: []string{}}
	for _, se := range list {
		if se.ArchivedAt != nil {
			continue
		}
		partitioned, err := s.Store.SeasonPartitionEnsure(ctx, se.ID)
		if err == nil && partitioned && !se.PartitionCreated {
			err = s.Store.SeasonSetPartitionCreated(ctx, se.ID, true)
		}
		if err != nil {
			s.logger().Error("partition maintenance failed", "season", se.ID, "err", err)
			out.Failed = append(out.Failed, se.ID)
			continue
		}
		out.Partitioned = partitioned
		if partitioned {
			out.Ensured = append(out.Ensured, se.ID)
		}
	}
	return out, nil
}

// PartitionStat is one partition in the admin listing. Rows is the planner's estimate.
type PartitionStat struct {
	Table         string `json:"partition"`
	Parent        string `json:"table"`
	Season        string `json:"season"`
	EstimatedRows int64  `json:"estimated_rows"`
	DataBytes     int64  `json:"data_length"`
	IndexBytes    int64  `json:"index_length"`
}

// Partitions is the partition listing: empty, with Partitioned false, on SQLite.
type Partitions struct {
	Partitioned bool            `json:"partitioned"`
	Partitions  []PartitionStat `json:"partitions"`
}

// PartitionStats lists the partitions of the live and archived memory state.
func (s *Service) PartitionStats(ctx context.Context) (Partitions, error) {
	stats, err := s.Store.SeasonPartitionStats(ctx)
	if err != nil {
		return Partitions{}, fmt.Errorf("partition stats: %w", err)
	}
	out := Partitions{Partitioned: len(stats) > 0, Partitions: make([]PartitionStat, len(stats))}
	for i, st := range stats {
		out.Partitions[i] = PartitionStat{Table: st.Table, Parent: st.Parent, Season: st.SeasonID,
			EstimatedRows: st.Rows, DataBytes: st.TableBytes, IndexBytes: st.IndexBytes}
	}
	return out, nil
}
