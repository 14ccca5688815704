package web

import (
	"net/http"
	"strconv"
	"strings"

	"memora/internal/teaching"
)

// deskPushed is the answer page of the class view's "push to review" action.
type deskPushed struct {
	Topic  string
	Result teaching.PushResult
}

// classPush pushes a topic's items into the review queues of the students posted (every
// student of the class when none is), through teaching.Service.Push, and says what it did.
func (d *desk) classPush(rw http.ResponseWriter, r *http.Request) {
	req := teaching.PushRequest{Topic: strings.TrimSpace(r.PostFormValue("topic"))}
	for _, v := range r.PostForm["student"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			d.notFoundPage(rw, r)
			return
		}
		req.Students = append(req.Students, id)
	}
	res, err := d.Teaching.Push(r.Context(), callerOf(r), req)
	if err != nil {
		d.fail(rw, r, "class", err)
		return
	}
	d.show(rw, r, http.StatusOK, "class", "desk.class.push_done_title", "desk_pushed", deskPushed{Topic: req.Topic, Result: res})
}
