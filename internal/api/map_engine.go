package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerMapEngine(rt *httpx.Router) {
	a.read(rt, "map_engine", "get_map_data", "The learning map: units and topics with lock statuses",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Catalog.MapData(r.Context(), who, p.String("subject"))
		})
	a.read(rt, "map_engine", "get_topic_details", "A topic's lessons with lock statuses",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Catalog.TopicDetails(r.Context(), who, p.String("topic_id"))
		})
	a.read(rt, "map_engine", "get_track_details", "A track's units with progress and lock statuses",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			linear, err := p.Bool("is_track_linear")
			if err != nil {
				return nil, err
			}
			return a.Catalog.TrackDetails(r.Context(), who, p.String("subject"), p.String("track"), linear)
		})
}
