// Package redisboard is the leaderboard on Redis sorted sets: one set per institution,
// period bucket and subject, member = zero-padded user id (so ZREVRANGE orders ties by id
// desc, as the SQL board does), score = XP. Sets are kept current by Observer, which the
// XP-crediting code paths call after commit; it also creates each day's, rolling week's and
// month's set empty two days before its window begins, so a new period's set needs no
// build. A set missing anyway (Redis lost it, a first deploy) is built from the database
// (one aggregated query) in the background, a request waiting for it at most BuildWait.
// Keys are hash-tagged by institution for Redis Cluster:
//
//	lb:{<institution>}:all[:<subject>]                       all time (TTL 24 h)
//	lb:{<institution>}:day:2026-11-25[:<subject>]             today (TTL 48 h)
//	lb:{<institution>}:week:2026-11-25[:<subject>]            the 7 days ending then (TTL 48 h)
//	lb:{<institution>}:month:2026-11[:<subject>]              a calendar month (to its end + 1 day)
//	<board key>:build:<random>                                a set being built (TTL 1 min, renewed)
//	<board key>:building                                      the sets being built for the board
//
// Every script's keys share their institution's tag, so they share a Cluster slot: those it
// is given and the builds it reaches through a building set (updateScript, dropScript). A
// server rejects given keys of different slots (CROSSSLOT) but does not check the keys a
// script reaches on its own, which TestKeysOfOneScriptShareASlot does.
//
// Every built set holds a sentinel member "~" at score -1, so an empty board still exists
// and a missing key always means "not built". A set is written in chunks under a temporary
// key and renamed into place, so no command grows with the institution. When Redis fails
// the board answers from SQL, and sets that missed an update are deleted once it is back.
package redisboard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"memora/internal/leaderboard"
)

const sentinel = "~"

func prefix(institutionID string) string { return "lb:{" + institutionID + "}:" }

// buildingKey names the set listing the builds in progress of a board.
func buildingKey(board string) string { return board + ":building" }

// boardKey names the set of a scope.
func boardKey(sc leaderboard.Scope) string {
	k := prefix(sc.InstitutionID)
	switch sc.Period {
	case leaderboard.Daily:
		k += "day:" + sc.Today.Format(time.DateOnly)
	case leaderboard.Weekly:
		k += "week:" + sc.Today.Format(time.DateOnly)
	case leaderboard.Monthly:
		k += "month:" + sc.Today.Format("2006-01")
	default:
		k += "all"
	}
	if sc.SubjectID != nil {
		k += ":" + *sc.SubjectID
	}
	return k
}

// ttl is how long a built set is kept: past the last day it can be read on. All-time sets
// expire too, so a change made outside the XP path (an import) heals within a day.
func ttl(sc leaderboard.Scope) time.Duration {
	switch sc.Period {
	case leaderboard.Daily, leaderboard.Weekly:
		return 48 * time.Hour
	case leaderboard.Monthly:
		_, last, _ := sc.Days()
		return last.Sub(sc.Today) + 48*time.Hour
	}
	return 24 * time.Hour
}

func member(userID int64) string { return fmt.Sprintf("%019d", userID) }

func parseMember(m string) (int64, error) { return strconv.ParseInt(m, 10, 64) }

// hashTag is the institution part of a key ("{…}"), which decides its cluster slot.
func hashTag(key string) string {
	open := strings.IndexByte(key, '{')
	if open < 0 {
		return ""
	}
	end := strings.IndexByte(key[open:], '}')
	if end < 0 {
		return ""
	}
	return key[open : open+end+1]
}
