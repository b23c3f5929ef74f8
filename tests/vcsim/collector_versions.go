package main

import (
	"net/http"
	"sync"
)

// collectorVersions holds which property collector of which session has handed out an update version. A collector's
// version belongs to that collector in that session: WaitForUpdatesEx with a version the collector did not give
// (a version kept from a session that has ended, where the new session's collector has not yet answered a full
// update with version "") faults InvalidCollectorVersion on vCenter (vim25 reference of WaitForUpdatesEx: "Thrown if
// the data version does not meet the requirements"). The client must then start over with version "" and new
// filters, as kubev2v/forklift d42511bb2 pkg/controller/provider/container/vsphere/collector.go does: on any
// WaitForUpdatesEx error getUpdates returns, and Start connects again with a new client, collector and filter.
// govmomi 0.24's simulator echoes whatever version it is given.
type collectorVersions struct {
	mu     sync.Mutex
	issued map[string]bool // session key + "/" + collector → gave a version
}

func newCollectorVersions() *collectorVersions {
	return &collectorVersions{issued: map[string]bool{}}
}

// serve answers WaitForUpdatesEx: a version this session's collector never gave is refused, a full update ("")
// makes the collector's later versions valid.
func (v *collectorVersions) serve(inner http.Handler, w http.ResponseWriter, r *http.Request, c call) {
	key := ""
	if cookie, err := r.Cookie("vmware_soap_session"); err == nil {
		key = cookie.Value
	}
	key += "/" + c.args["_this"]
	version := c.args["version"]
	v.mu.Lock()
	known := v.issued[key]
	v.mu.Unlock()
	if version != "" && !known {
		writeFault(w, "InvalidCollectorVersion", "The collector version '"+version+"' is not valid for this property collector.", "")
		return
	}
	rec := record(inner, r)
	if rec.Code == http.StatusOK && version == "" {
		v.mu.Lock()
		v.issued[key] = true
		v.mu.Unlock()
	}
	replay(w, rec)
}
