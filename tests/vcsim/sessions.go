package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// sessions holds the rules of vCenter sessions that govmomi 0.24's simulator lacks: every call but the few made
// before Login needs a live session, a session idle for longer than the idle timeout ends (vpxd's session timeout,
// 30 minutes by default), and SessionManager.TerminateSession ends another user's session at once. The simulator
// itself lets RetrievePropertiesEx run without a session and keeps sessions forever; a real vCenter answers
// NotAuthenticated, and the ContainerView, PropertyFilter and collector version of an ended session are gone with it
// (the views and filters are session[...] objects; see simulator/session_manager.go Session.Put and the vim25
// reference of SessionManager.TerminateSession and of NotAuthenticated).
type sessions struct {
	idle time.Duration

	mu   sync.Mutex
	live map[string]time.Time // session key (the vmware_soap_session cookie) → last call
}

func newSessions(idle time.Duration) *sessions {
	return &sessions{idle: idle, live: map[string]time.Time{}}
}

// beforeLogin are the methods a client may call without a session.
var beforeLogin = map[string]bool{
	"RetrieveServiceContent": true, "Login": true, "LoginByToken": true, "LoginExtensionByCertificate": true, "CloneSession": true,
}

// admit says whether the call may run: it has a live session, or it is one of the calls made before Login.
func (s *sessions) admit(r *http.Request, method string) bool {
	if beforeLogin[method] {
		return true
	}
	cookie, err := r.Cookie("vmware_soap_session")
	if err != nil || cookie.Value == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	last, ok := s.live[cookie.Value]
	if !ok {
		return false
	}
	now := time.Now()
	if s.idle > 0 && now.Sub(last) > s.idle {
		delete(s.live, cookie.Value)
		return false
	}
	s.live[cookie.Value] = now
	return true
}

func (s *sessions) isLive(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.live[key]
	return ok
}

// loggedIn records the session a successful Login answer set in its cookie.
func (s *sessions) loggedIn(rec *httptest.ResponseRecorder) {
	if rec.Code != http.StatusOK {
		return
	}
	for _, c := range (&http.Response{Header: rec.Header()}).Cookies() {
		if c.Name == "vmware_soap_session" && c.Value != "" {
			s.mu.Lock()
			s.live[c.Value] = time.Now()
			s.mu.Unlock()
		}
	}
}

// ended forgets sessions (Logout of the caller's own, TerminateSession of others').
func (s *sessions) ended(keys ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range keys {
		delete(s.live, strings.TrimSpace(key))
	}
}

// serve handles the session calls and refuses calls without a live session; it returns false when it answered.
func (s *sessions) serve(inner http.Handler, w http.ResponseWriter, r *http.Request, c call) bool {
	if !s.admit(r, c.method) {
		writeFault(w, "NotAuthenticated", "The session is not authenticated.",
			`<object type="`+c.thisType+`">`+c.args["_this"]+`</object><privilegeId>System.View</privilegeId>`)
		return false
	}
	switch c.method {
	case "Login", "LoginByToken", "LoginExtensionByCertificate", "CloneSession":
		// A cookie of an ended session names no session on vCenter; the simulator would still find it and refuse the
		// Login (a session may log in only once), so the request goes in without it.
		if cookie, err := r.Cookie("vmware_soap_session"); err == nil && !s.isLive(cookie.Value) {
			r.Header.Del("Cookie")
		}
		rec := record(inner, r)
		s.loggedIn(rec)
		replay(w, rec)
		return false
	case "TerminateSession":
		rec := record(inner, r)
		if rec.Code == http.StatusOK {
			s.ended(c.lists["sessionId"]...)
		}
		replay(w, rec)
		return false
	case "Logout":
		if cookie, err := r.Cookie("vmware_soap_session"); err == nil {
			s.ended(cookie.Value)
		}
	}
	return true
}
