package srseval

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable prints the report as a Markdown table preceded by its counts.
func (r Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "reviews %d, cards %d, cross-day reviews %d, scored %d in %d folds\n\n",
		r.Reviews, r.Cards, r.CrossDay, r.Scored, r.Folds)
	b.WriteString("| Predictor | Log loss | RMSE(bins) | AUC | Log loss per fold |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, row := range r.Rows {
		folds := make([]string, len(row.FoldLogLoss))
		for i, l := range row.FoldLogLoss {
			folds[i] = fmt.Sprintf("%.4f", l)
		}
		fmt.Fprintf(&b, "| %s | %.4f | %.4f | %.4f | %s |\n",
			row.Predictor, row.LogLoss, row.RMSEBins, row.AUC, strings.Join(folds, " "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("srseval: write table: %w", err)
	}
	return nil
}
