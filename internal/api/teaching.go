package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/teaching"
)

const msgTeachers = "You don't have permission to view classes. This action requires the Teacher role."

// The Teacher's class view (teaching.Service).
func (a *API) registerTeaching(rt *httpx.Router) {
	acc := teachers.refusing(msgTeachers)
	a.readAs(rt, "teaching", "get_class", "The institution's students: level, streak, last activity, review load, mastery, weakest topics (Teacher)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Staff.Teaching.Class(r.Context(), caller(r, who), strings.TrimSpace(p.String("institution")))
		})
	a.readAs(rt, "teaching", "get_student", "One student's drill-down: every topic weakest first, active days, review load (Teacher)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			return a.Staff.Teaching.Student(r.Context(), caller(r, who), id)
		})
	a.mutationAs(rt, "teaching", "push_review", "Make a topic's items, or each student's weakest items, due now in the students' review queues (Teacher)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			req := teaching.PushRequest{Institution: strings.TrimSpace(p.String("institution")), Topic: p.String("topic")}
			var err error
			if req.Weakest, err = p.Int("weakest", 0); err != nil {
				return nil, err
			}
			if err := p.JSON("students", &req.Students); err != nil {
				return nil, err
			}
			return a.Staff.Teaching.Push(r.Context(), caller(r, who), req)
		})
}
