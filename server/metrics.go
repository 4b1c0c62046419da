package server

import "github.com/prometheus/client_golang/prometheus"

// metrics are the service's Prometheus series, all named galley_*.
type metrics struct {
	requests   *prometheus.CounterVec   // by handler and status code
	duration   *prometheus.HistogramVec // by handler
	rejections *prometheus.CounterVec   // by reason
	pages      prometheus.Counter
	bytes      prometheus.Counter
	cancelled  prometheus.Counter
	uploads    prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "galley_http_requests_total", Help: "HTTP requests by handler and status code (499: the client left).",
		}, []string{"handler", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "galley_http_request_duration_seconds", Help: "Time from a request's first byte to the last byte of its answer, queueing included.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"handler"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "galley_rejections_total", Help: "Requests and connections refused or cut, by reason (queue_full, queue_timeout, too_large, " +
				"unauthorized, blocked_address, too_many_pages, timeout, slow_upload, slow_reader, too_many_connections).",
		}, []string{"reason"}),
		pages: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_pages_total", Help: "Pages rendered.",
		}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_pdf_bytes_total", Help: "Bytes of PDF rendered.",
		}),
		cancelled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "galley_renders_cancelled_total", Help: "Renders stopped, or never started, because the client disconnected.",
		}),
		uploads: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "galley_uploads_in_progress", Help: "Request bodies arriving now (they hold no render slot or queue place).",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.rejections, m.pages, m.bytes, m.cancelled, m.uploads} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// watch exports admission's state: renders running, requests waiting
// and memory reserved.
func (m *metrics) watch(reg prometheus.Registerer, a *admission) error {
	for _, g := range []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "galley_renders_in_flight", Help: "Renders running now.",
		}, func() float64 { return float64(a.nRunning.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "galley_queue_waiting", Help: "Requests waiting for a render slot.",
		}, func() float64 { return float64(a.nWaiting.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "galley_memory_reserved_bytes", Help: "Memory the renders running and the answers being sent are estimated to hold (see MemoryBudget).",
		}, func() float64 { return float64(a.nUsed.Load()) }),
	} {
		if err := reg.Register(g); err != nil {
			return err
		}
	}
	return nil
}
