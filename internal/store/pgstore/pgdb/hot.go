package pgdb

// HotQueries are the statements of a student's requests (sign-in, session check, profile,
// map, lesson, review, submit, quests, leaderboards): pgstore prepares them on every pooled
// connection before the server accepts requests, so its first requests do not each pay a
// prepare round trip per statement per connection. Written by hand (sqlc does not generate
// it): a query renamed or removed fails the build here.
func HotQueries() []string {
	return []string{
		// identity
		authSessionDelete, authSessionGet, authSessionInsert, authSessionTouch, authSessionVersion,
		institutionGet, userGet, userGetByEmail, userRoles,
		// player
		profileAddXP, profileGet, sessionGetByClientID, sessionInsert, subjectScoreAdd, subjectScoreGet,
		subjectScoreSet, xPCredit, xPInsert,
		// academic
		planFind, planSubjects, seasonGet, seasonList,
		// memory and review
		memoryGet, memoryGetMany, memoryRecord, memoryUpsert, reviewLogInsert,
		reviewDue, reviewDueInSubject, reviewDueRows, reviewLessonStages, reviewLevelCounts, reviewRetire,
		reviewScheduleLoad, reviewSessionSetResponse, reviewTopicItems,
		// progress
		progressActivityDays, progressCreditedRefs, progressDueBySubject, progressMastery,
		progressRefsOfDay, progressReviewedBySubject, progressStageSubjects, progressXPByDay,
		// leaderboards
		leaderboardAbovePeriod, leaderboardAboveSubjectPeriod, leaderboardAboveSubjectTotal,
		leaderboardAboveTotal, leaderboardDisabled, leaderboardPlayers, leaderboardScoresPeriod,
		leaderboardScoresSubjectPeriod, leaderboardScoresSubjectTotal, leaderboardScoresTotal,
		leaderboardTopPeriod, leaderboardTopSubjectPeriod, leaderboardTopSubjectTotal,
		leaderboardTopTotal, leaderboardUserScores,
		// fitted scheduler parameters
		sRSParamStateGet, sRSParamsCurrent, sRSParamsInUse,
		// catalogue and content
		accessGrantsActive, lessonCompletedIDs, lessonListBySubjects, lessonPlayList, playerLock,
		sessionSetCompleted, subjectListByIDs, topicGet, topicListBySubjects, trackListBySubjects,
		unitGet, unitListBySubjects, lessonGet, stagesByLesson, subjectGet,
	}
}
