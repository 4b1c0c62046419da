package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/galleyprint/galley"
)

// apiError is an answer other than success: its status, a stable code
// for programs and a message for people.
type apiError struct {
	status  int
	code    string
	message string
	header  http.Header // sent with it (Retry-After, Allow, Connection…)
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// errClientGone marks a request whose client disconnected.
var errClientGone = errors.New("client disconnected")

// classify turns an error from galley or the network into an apiError.
func classify(err error) *apiError {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, errClientGone):
		return &apiError{status: 499, code: "client_gone", message: "the client disconnected"}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{status: http.StatusGatewayTimeout, code: "timeout", message: "the request took longer than the time limit"}
	case errors.Is(err, galley.ErrBlocked):
		return &apiError{status: http.StatusForbidden, code: "blocked_address", message: err.Error()}
	case errors.Is(err, galley.ErrFetch):
		return &apiError{status: http.StatusBadGateway, code: "fetch_failed", message: err.Error()}
	case errors.Is(err, galley.ErrInvalidOptions):
		return &apiError{status: http.StatusBadRequest, code: "invalid_options", message: err.Error()}
	case errors.Is(err, galley.ErrUnsupportedFormat):
		return &apiError{status: http.StatusUnsupportedMediaType, code: "unsupported_format", message: err.Error()}
	case errors.Is(err, galley.ErrNoContent):
		return &apiError{status: http.StatusUnprocessableEntity, code: "no_content", message: err.Error()}
	case errors.Is(err, galley.ErrTooManyPages):
		return &apiError{status: http.StatusUnprocessableEntity, code: "too_many_pages", message: err.Error()}
	}
	return &apiError{status: http.StatusInternalServerError, code: "internal", message: "the article could not be printed: " + err.Error()}
}

// errorAnswer is the JSON answer for err; nil when the client is gone.
func (s *Server) errorAnswer(err error, id string) *answer {
	ae := classify(err)
	if ae.status == 499 {
		return nil
	}
	switch ae.code {
	case "blocked_address", "too_many_pages", "timeout":
		s.metrics.rejections.WithLabelValues(ae.code).Inc()
	}
	body, _ := json.Marshal(map[string]any{"error": map[string]string{
		"code": ae.code, "message": ae.message, "request_id": id,
	}})
	h := http.Header{"Content-Type": {"application/json"}}
	for k, v := range ae.header {
		h[k] = v
	}
	return &answer{status: ae.status, header: h, body: append(body, '\n')}
}

// busy is a 503 with Retry-After.
func busy(retry, message string) *apiError {
	return &apiError{status: http.StatusServiceUnavailable, code: "busy", message: message,
		header: http.Header{"Retry-After": {retry}}}
}

// methodNotAllowed answers a method a path does not take.
func methodNotAllowed(allow ...string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) (*answer, error) {
		return nil, &apiError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
			message: r.Method + " " + r.URL.Path + " is not served; use " + strings.Join(allow, " or "),
			header:  http.Header{"Allow": {strings.Join(allow, ", ")}}}
	}
}

// notFound answers a path the service does not have.
func notFound(w http.ResponseWriter, r *http.Request) (*answer, error) {
	return nil, &apiError{status: http.StatusNotFound, code: "not_found",
		message: r.URL.Path + " is not a path of this service; see /v1/openapi.yaml"}
}
