package review

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// nothingExists is a store where no subject or topic exists.
type nothingExists struct{ store.Store }

func (nothingExists) Exists(context.Context, string, string) (bool, error) { return false, nil }

// A submission naming an unknown subject and an unknown topic is refused for its subject
// every time (the two were checked in a map's order, so the message named either).
func TestAnUnknownSubjectAndTopicAreRefusedForTheSubjectFirst(t *testing.T) {
	s := &Service{store: nothingExists{}}
	for range 32 {
		err := s.checkMeta(context.Background(), SubmissionMeta{Subject: "no-subject", Topic: "no-topic"})
		require.EqualError(t, err, "Unknown subject: no-subject")
	}
	require.EqualError(t, s.checkMeta(context.Background(), SubmissionMeta{Topic: "no-topic"}), "Unknown topic: no-topic")
	require.NoError(t, s.checkMeta(context.Background(), SubmissionMeta{}))
}
