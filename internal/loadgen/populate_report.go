package loadgen

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// WriteSummary prints the load rate, the tables' sizes and, when warmed, Redis's cost.
func (r PopulateResult) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "populated %d students × %d records on %s: %d rows in %s (%.0f rows/s), first user id %d\n",
		r.Students, r.RecordsPerUser, r.Engine, r.Rows, r.Elapsed.Round(time.Millisecond), r.RowsPerSecond, r.FirstUserID)
	if len(r.RebuiltIndexes) > 0 {
		fmt.Fprintf(w, "indexes dropped for the load and rebuilt in %s: %v\n", r.IndexRebuild.Round(time.Millisecond), r.RebuiltIndexes)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\trows\theap MB\tindex MB\ttotal MB\tbytes/row\t")
	for _, t := range r.Tables {
		perRow := 0.0
		if t.Rows > 0 {
			perRow = float64(t.TotalBytes) / float64(t.Rows)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.0f\t\n", t.Table, t.Rows, mb(t.HeapBytes), mb(t.IndexBytes), mb(t.TotalBytes), perRow)
	}
	tw.Flush()
	if r.RedisItems > 0 {
		fmt.Fprintf(w, "redis: %d schedule items warmed, %.1f bytes of used_memory per item\n", r.RedisItems, r.RedisBytesPerKey)
	}
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }
