package pgdb

import "context"

// ReviewDueRowsScan is ReviewDueRows (the same statement) scanned without a heap row and an
// argument list per row: one scan target, one result slice sized for every id asked. Written
// by hand (sqlc does not generate it): get_review_session runs it on every request.
func (q *Queries) ReviewDueRowsScan(ctx context.Context, arg ReviewDueRowsParams) ([]ReviewDueRowsRow, error) {
	rows, err := q.db.Query(ctx, reviewDueRows, arg.UserID, arg.SeasonID, arg.QuestionIds)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := make([]ReviewDueRowsRow, 0, len(arg.QuestionIds))
	var i ReviewDueRowsRow
	dest := []any{&i.QuestionID, &i.Due, &i.Retired, &i.Pushed}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		items = append(items, i)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return items, nil
}
