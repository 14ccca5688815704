package app

import (
	"memora/internal/api"
	"memora/internal/authoring"
)

// StaffServices are the services of the staff API and the desk, over this app's store,
// clock, audit log and caches.
func (a *App) StaffServices() api.Staff {
	return api.Staff{
		Authoring: &authoring.Service{Store: a.Store, Clock: a.Clock, Audit: a.Audit, Catalog: a.Catalog},
	}
}
