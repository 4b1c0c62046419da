package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/netguard"
)

// apiError is an answer other than success: its status, a stable code
// for programs and a message for people.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// classify turns an error from galley or the network into an apiError.
func classify(err error) *apiError {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, errClientGone):
		return &apiError{499, "client_gone", "the client disconnected"}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusGatewayTimeout, "timeout", "the request took longer than the time limit"}
	case errors.Is(err, netguard.ErrBlocked):
		return &apiError{http.StatusForbidden, "blocked_address", err.Error()}
	case errors.Is(err, galley.ErrFetch):
		return &apiError{http.StatusBadGateway, "fetch_failed", err.Error()}
	case errors.Is(err, galley.ErrInvalidOptions):
		return &apiError{http.StatusBadRequest, "invalid_options", err.Error()}
	case errors.Is(err, galley.ErrUnsupportedFormat):
		return &apiError{http.StatusUnsupportedMediaType, "unsupported_format", err.Error()}
	case errors.Is(err, galley.ErrNoContent):
		return &apiError{http.StatusUnprocessableEntity, "no_content", err.Error()}
	case errors.Is(err, galley.ErrTooManyPages):
		return &apiError{http.StatusUnprocessableEntity, "too_many_pages", err.Error()}
	}
	return &apiError{http.StatusInternalServerError, "internal", "the article could not be printed: " + err.Error()}
}

// fail answers with err as JSON, unless an answer has started or the
// client is gone.
func (s *Server) fail(w *recorder, r *http.Request, err error) {
	ae := classify(err)
	if w.status != 0 || ae.status == 499 {
		return
	}
	switch ae.code {
	case "blocked_address", "too_many_pages", "timeout":
		s.metrics.rejections.WithLabelValues(ae.code).Inc()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Del("Content-Disposition")
	w.WriteHeader(ae.status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{
		"code": ae.code, "message": ae.message, "request_id": w.Header().Get("X-Request-ID"),
	}})
}
