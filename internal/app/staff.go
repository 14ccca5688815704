package app

import (
	"memora/internal/api"
	"memora/internal/authoring"
	"memora/internal/teaching"
)

// StaffServices are the services of the staff API and the desk, over this app's store,
// clock, audit log and caches. (People administration is a.Identity's, store items and
// subscriptions a.Shop's, "run now" a.Jobs'.)
func (a *App) StaffServices() api.Staff {
	teach := teaching.New(a.Store, a.Clock)
	teach.Audit, teach.Schedule = a.Audit, a.Schedule
	return api.Staff{
		Authoring: &authoring.Service{Store: a.Store, Clock: a.Clock, Audit: a.Audit, Catalog: a.Catalog},
		Teaching:  teach,
		Privacy:   a.Privacy(),
	}
}
