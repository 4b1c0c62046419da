package server

import "github.com/prometheus/client_golang/prometheus"

// metrics are the service's Prometheus series, all named galley_*.
type metrics struct {
	requests   *prometheus.CounterVec   // by handler and status code
	duration   *prometheus.HistogramVec // by handler
	inFlight   prometheus.Gauge         // renders running
	queued     prometheus.GaugeFunc     // requests waiting for a render slot
	rejections *prometheus.CounterVec   // by reason
	pages      prometheus.Counter
	bytes      prometheus.Counter
	cancelled  prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "galley_http_requests_total", Help: "HTTP requests by handler and status code.",
		}, []string{"handler", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "galley_http_request_duration_seconds", Help: "Time from a request's arrival to its answer, queueing included.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"handler"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "galley_renders_in_flight", Help: "Renders running now.",
		}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "galley_rejections_total", Help: "Requests refused, by reason (queue_full, queue_timeout, too_large, unauthorized, blocked_address, too_many_pages, timeout).",
		}, []string{"reason"}),
		pages: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_pages_total", Help: "Pages rendered.",
		}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_pdf_bytes_total", Help: "Bytes of PDF sent.",
		}),
		cancelled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_renders_cancelled_total", Help: "Renders stopped because the client disconnected.",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.inFlight, m.rejections, m.pages, m.bytes, m.cancelled} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// watchQueue exports the number of waiting requests.
func (m *metrics) watchQueue(reg prometheus.Registerer, a *admission) error {
	m.queued = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "galley_queue_waiting", Help: "Requests waiting for a render slot.",
	}, func() float64 { return float64(a.waiting.Load()) })
	return reg.Register(m.queued)
}
