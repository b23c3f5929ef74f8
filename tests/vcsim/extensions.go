package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io/ioutil"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

const (
	envelopeStart = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>`
	envelopeEnd = `</soapenv:Body></soapenv:Envelope>`
	mib         = int64(1) << 20
	kib         = int64(1) << 10
	// At most this many changed areas per QueryChangedDiskAreas answer; the client continues from startOffset+length.
	maxAreasPerCall = 4096
)

var taskReturn = regexp.MustCompile(`<returnval[^>]*>(task-[0-9]+)</returnval>`)

// extensions wraps the simulator's HTTP handler with the operations and behaviours 0.24 lacks.
type extensions struct {
	paging        bool
	taskDelay     time.Duration
	taskRetention time.Duration
	sessions      *sessions
	versions      *collectorVersions

	mu     sync.Mutex
	pages  map[string][][]byte
	nextID int64
	change int64
}

func newExtensions(paging bool, taskDelay, taskRetention, sessionIdle time.Duration) *extensions {
	return &extensions{paging: paging, taskDelay: taskDelay, taskRetention: taskRetention, sessions: newSessions(sessionIdle),
		versions: newCollectorVersions(), pages: map[string][][]byte{}}
}

// call is the first element of the SOAP body: the method name, the type of _this, its direct children's text (the
// last of each name in args, all of them in lists), and maxObjects anywhere below it.
type call struct {
	method     string
	thisType   string
	args       map[string]string
	lists      map[string][]string
	maxObjects int
}

func parseCall(body []byte) (call, error) {
	c := call{args: map[string]string{}, lists: map[string][]string{}}
	d := xml.NewDecoder(bytes.NewReader(body))
	var stack []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			if c.method != "" {
				return c, nil
			}
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if len(stack) == 3 && c.method == "" {
				c.method = t.Name.Local
			}
			if len(stack) == 4 && t.Name.Local == "_this" {
				for _, a := range t.Attr {
					if a.Name.Local == "type" {
						c.thisType = a.Value
					}
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 4 {
				c.args[t.Name.Local] = strings.TrimSpace(text.String())
				c.lists[t.Name.Local] = append(c.lists[t.Name.Local], strings.TrimSpace(text.String()))
			}
			if t.Name.Local == "maxObjects" {
				c.maxObjects, _ = strconv.Atoi(strings.TrimSpace(text.String()))
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 2 && c.method != "" {
				return c, nil
			}
		}
	}
}

func (e *extensions) serve(inner http.Handler, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, "/sdk") {
		inner.ServeHTTP(w, r)
		return
	}
	body, err := ioutil.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.Body = ioutil.NopCloser(bytes.NewReader(body))
	c, err := parseCall(body)
	if err != nil {
		inner.ServeHTTP(w, r)
		return
	}

	if !e.sessions.serve(inner, w, r, c) {
		return
	}

	switch {
	case c.method == "QueryChangedDiskAreas":
		e.queryChangedDiskAreas(w, c)
	case c.method == "WaitForUpdatesEx":
		e.versions.serve(inner, w, r, c)
	case c.method == "ContinueRetrievePropertiesEx" && e.paging:
		e.continuePage(w, c.args["token"])
	case c.method == "CancelRetrievePropertiesEx" && e.paging:
		e.mu.Lock()
		delete(e.pages, c.args["token"])
		e.mu.Unlock()
		writeBody(w, `<CancelRetrievePropertiesExResponse xmlns="urn:vim25"></CancelRetrievePropertiesExResponse>`)
	case c.method == "RetrievePropertiesEx" && e.paging && c.maxObjects > 0:
		rec := record(inner, r)
		if rec.Code != http.StatusOK {
			replay(w, rec)
			return
		}
		e.firstPage(w, rec, c.maxObjects)
	case strings.HasSuffix(c.method, "_Task"):
		if c.method == "CreateSnapshot_Task" {
			if quiesceRefused(w, c) {
				return
			}
			e.freshChangeIds(c.args["_this"])
		}
		after := diskChainUpdate(c)
		rec := record(inner, r)
		after()
		if c.method == "ReconfigVM_Task" {
			announceConfig(c.args["_this"])
		}
		if m := taskReturn.FindSubmatch(rec.Body.Bytes()); m != nil {
			if e.taskDelay > 0 {
				e.slowDown(string(m[1]))
			}
			if e.taskRetention > 0 {
				purgeAfter(string(m[1]), e.taskRetention)
			}
		}
		replay(w, rec)
	default:
		inner.ServeHTTP(w, r)
	}
}

func record(inner http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	inner.ServeHTTP(rec, r)
	return rec
}

func replay(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func writeBody(w http.ResponseWriter, inner string) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(envelopeStart + inner + envelopeEnd))
}

func writeFault(w http.ResponseWriter, fault, message, detail string) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	var b strings.Builder
	b.WriteString(envelopeStart)
	b.WriteString(`<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>`)
	_ = xml.EscapeText(&b, []byte(message))
	b.WriteString(`</faultstring><detail><` + fault + `Fault xmlns="urn:vim25" xsi:type="` + fault + `">` + detail + `</` + fault + `Fault></detail></soapenv:Fault>`)
	b.WriteString(envelopeEnd)
	_, _ = w.Write([]byte(b.String()))
}

// firstPage splits a complete RetrievePropertiesEx answer into pages of maxObjects and keeps the rest under a token.
func (e *extensions) firstPage(w http.ResponseWriter, rec *httptest.ResponseRecorder, maxObjects int) {
	body := rec.Body.Bytes()
	objects, first, last, err := splitObjects(body)
	if err != nil || len(objects) <= maxObjects {
		replay(w, rec)
		return
	}
	token := e.keep(objects[maxObjects:])
	var b bytes.Buffer
	b.Write(body[:first])
	b.WriteString("<token>" + token + "</token>")
	for _, o := range objects[:maxObjects] {
		b.Write(o)
	}
	b.Write(body[last:])
	for k, v := range rec.Header() {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.Bytes())
	e.setPageSize(token, maxObjects)
}

// pageSizes remembers the maxObjects of each outstanding token, so later pages keep the first page's size.
var pageSizes sync.Map

func (e *extensions) setPageSize(token string, size int) { pageSizes.Store(token, size) }

func (e *extensions) keep(rest [][]byte) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.nextID++
	token := fmt.Sprintf("page-%d", e.nextID)
	e.pages[token] = rest
	return token
}

func (e *extensions) continuePage(w http.ResponseWriter, token string) {
	e.mu.Lock()
	rest, ok := e.pages[token]
	delete(e.pages, token)
	e.mu.Unlock()
	if !ok {
		writeFault(w, "InvalidArgument", "A specified parameter was not correct: token", "<invalidProperty>token</invalidProperty>")
		return
	}
	size := len(rest)
	if v, found := pageSizes.Load(token); found {
		size = v.(int)
		pageSizes.Delete(token)
	}
	var b strings.Builder
	b.WriteString(`<ContinueRetrievePropertiesExResponse xmlns="urn:vim25"><returnval>`)
	page := rest
	if len(rest) > size {
		page = rest[:size]
		next := e.keep(rest[size:])
		e.setPageSize(next, size)
		b.WriteString("<token>" + next + "</token>")
	}
	for _, o := range page {
		b.Write(o)
	}
	b.WriteString(`</returnval></ContinueRetrievePropertiesExResponse>`)
	writeBody(w, b.String())
}

// splitObjects finds the byte ranges of every returnval/objects element of a RetrievePropertiesEx answer. ObjectContent
// elements never nest and text is escaped, so the tags can be found by scanning bytes (encoding/xml would take seconds
// for a 10,000-VM answer).
func splitObjects(body []byte) (objects [][]byte, first, last int, err error) {
	open, end := []byte("<objects>"), []byte("</objects>")
	first, last = -1, -1
	for pos := 0; ; {
		start := bytes.Index(body[pos:], open)
		if start < 0 {
			break
		}
		start += pos
		stop := bytes.Index(body[start:], end)
		if stop < 0 {
			return nil, 0, 0, fmt.Errorf("unterminated objects element")
		}
		stop += start + len(end)
		if first < 0 {
			first = start
		}
		objects = append(objects, body[start:stop])
		last = stop
		pos = stop
	}
	if first < 0 {
		return nil, 0, 0, fmt.Errorf("no objects")
	}
	return objects, first, last, nil
}

// freshChangeIds gives every disk of a CBT-enabled VM a new change id before a snapshot captures its config,
// as ESXi does. The device list is cloned so earlier snapshots keep their own change ids.
func (e *extensions) freshChangeIds(vmID string) {
	obj := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: vmID})
	vm, ok := obj.(*simulator.VirtualMachine)
	if !ok {
		return
	}
	simulator.Map.WithLock(vm, func() {
		if vm.Config == nil || vm.Config.ChangeTrackingEnabled == nil || !*vm.Config.ChangeTrackingEnabled {
			return
		}
		n := atomic.AddInt64(&e.change, 1)
		devices := make([]types.BaseVirtualDevice, len(vm.Config.Hardware.Device))
		for i, device := range vm.Config.Hardware.Device {
			devices[i] = device
			disk, isDisk := device.(*types.VirtualDisk)
			if !isDisk {
				continue
			}
			backing, flat := disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
			if !flat {
				continue
			}
			diskCopy := *disk
			backingCopy := *backing
			backingCopy.ChangeId = changeID(vmID, disk.Key, n)
			diskCopy.Backing = &backingCopy
			devices[i] = &diskCopy
		}
		hardware := vm.Config.Hardware
		hardware.Device = devices
		config := *vm.Config
		config.Hardware = hardware
		vm.Config = &config
	})
}

func changeID(vmID string, key int32, n int64) string {
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%s/%d/%d", vmID, key, n)
	sum := h.Sum64()
	parts := []string{"52"}
	for i := 0; i < 15; i++ {
		parts = append(parts, fmt.Sprintf("%02x", byte(sum>>(uint(i%8)*8))^byte(i*37)))
	}
	return strings.Join(parts, " ") + "/" + strconv.FormatInt(n, 10)
}

func (e *extensions) queryChangedDiskAreas(w http.ResponseWriter, c call) {
	vmRef := types.ManagedObjectReference{Type: "VirtualMachine", Value: c.args["_this"]}
	if _, ok := simulator.Map.Get(vmRef).(*simulator.VirtualMachine); !ok {
		writeFault(w, "ManagedObjectNotFound", "The object '"+vmRef.Value+"' has already been deleted or has not been completely created",
			`<obj type="VirtualMachine">`+vmRef.Value+`</obj>`)
		return
	}
	snapRef := types.ManagedObjectReference{Type: "VirtualMachineSnapshot", Value: c.args["snapshot"]}
	snapshot, ok := simulator.Map.Get(snapRef).(*simulator.VirtualMachineSnapshot)
	if !ok || snapshot.Vm.Value != vmRef.Value {
		writeFault(w, "ManagedObjectNotFound", "The object '"+snapRef.Value+"' has already been deleted or has not been completely created",
			`<obj type="VirtualMachineSnapshot">`+snapRef.Value+`</obj>`)
		return
	}
	if snapshot.Config.ChangeTrackingEnabled == nil || !*snapshot.Config.ChangeTrackingEnabled {
		writeFault(w, "FileFault", "Error caused by file: changed block tracking is not enabled for this virtual machine", "<file>"+vmRef.Value+"</file>")
		return
	}
	key, _ := strconv.Atoi(c.args["deviceKey"])
	var capacity int64 = -1
	for _, device := range snapshot.Config.Hardware.Device {
		if disk, isDisk := device.(*types.VirtualDisk); isDisk && int(disk.Key) == key {
			capacity = disk.CapacityInBytes
			if capacity == 0 {
				capacity = disk.CapacityInKB * kib
			}
		}
	}
	if capacity < 0 {
		writeFault(w, "InvalidArgument", "A specified parameter was not correct: deviceKey", "<invalidProperty>deviceKey</invalidProperty>")
		return
	}
	start, _ := strconv.ParseInt(c.args["startOffset"], 10, 64)
	if start < 0 || start >= capacity {
		writeFault(w, "InvalidArgument", "A specified parameter was not correct: startOffset", "<invalidProperty>startOffset</invalidProperty>")
		return
	}
	since := c.args["changeId"]
	var b strings.Builder
	b.WriteString(`<QueryChangedDiskAreasResponse xmlns="urn:vim25"><returnval>`)
	if since == "*" {
		length := capacity - start
		if limit := int64(maxAreasPerCall) * 4 * mib; length > limit {
			length = limit
		}
		fmt.Fprintf(&b, "<startOffset>%d</startOffset><length>%d</length><changedArea><start>%d</start><length>%d</length></changedArea>", start, length, start, length)
	} else {
		h := fnv.New32a()
		_, _ = h.Write([]byte(since))
		shift := int64(h.Sum32()%64) * 64 * kib
		var areas strings.Builder
		pos := start - start%(4*mib)
		count := 0
		for ; pos < capacity && count < maxAreasPerCall; pos += 4 * mib {
			areaStart := pos + shift
			areaLength := 64 * kib
			if areaStart < start || areaStart >= capacity {
				continue
			}
			if areaStart+areaLength > capacity {
				areaLength = capacity - areaStart
			}
			fmt.Fprintf(&areas, "<changedArea><start>%d</start><length>%d</length></changedArea>", areaStart, areaLength)
			count++
		}
		end := pos
		if end > capacity {
			end = capacity
		}
		fmt.Fprintf(&b, "<startOffset>%d</startOffset><length>%d</length>%s", start, end-start, areas.String())
	}
	b.WriteString(`</returnval></QueryChangedDiskAreasResponse>`)
	writeBody(w, b.String())
}

// slowDown keeps a finished task running (progress 50) for the task delay, then restores its outcome.
func (e *extensions) slowDown(taskID string) {
	task, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "Task", Value: taskID}).(*simulator.Task)
	if !ok {
		return
	}
	var state types.TaskInfoState
	var result types.AnyType
	var fault *types.LocalizedMethodFault
	simulator.Map.WithLock(task, func() {
		state, result, fault = task.Info.State, task.Info.Result, task.Info.Error
		simulator.Map.Update(task, []types.PropertyChange{
			{Name: "info.state", Val: types.TaskInfoStateRunning},
			{Name: "info.progress", Val: int32(50)},
		})
		task.Info.Result = nil
		task.Info.Error = nil
	})
	time.AfterFunc(e.taskDelay, func() {
		simulator.Map.WithLock(task, func() {
			task.Info.Result = result
			task.Info.Error = fault
			simulator.Map.Update(task, []types.PropertyChange{
				{Name: "info.state", Val: state},
				{Name: "info.progress", Val: int32(100)},
			})
		})
	})
}

// announceConfig tells property filters about a reconfigured VM: the 0.24 simulator changes the config in
// place without reporting it, so WaitForUpdatesEx would never see a reconfiguration. Registry.Update assigns
// the value again (pointers to primitives must be passed dereferenced) and notifies the filters.
func announceConfig(vmID string) {
	vm, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: vmID}).(*simulator.VirtualMachine)
	if !ok {
		return
	}
	simulator.Map.WithLock(vm, func() {
		c := vm.Config
		changes := []types.PropertyChange{
			{Name: "config.firmware", Val: c.Firmware},
			{Name: "config.guestId", Val: c.GuestId},
			{Name: "config.hardware.numCPU", Val: c.Hardware.NumCPU},
			{Name: "config.hardware.memoryMB", Val: c.Hardware.MemoryMB},
			{Name: "config.hardware.device", Val: c.Hardware.Device},
			{Name: "config.extraConfig", Val: c.ExtraConfig},
		}
		if c.ChangeTrackingEnabled != nil {
			changes = append(changes, types.PropertyChange{Name: "config.changeTrackingEnabled", Val: *c.ChangeTrackingEnabled})
		}
		if c.BootOptions != nil {
			changes = append(changes, types.PropertyChange{Name: "config.bootOptions", Val: c.BootOptions})
		}
		if c.CpuAffinity != nil {
			changes = append(changes, types.PropertyChange{Name: "config.cpuAffinity", Val: c.CpuAffinity})
		}
		for _, change := range changes {
			update(vm, change)
		}
	})
}

func update(vm *simulator.VirtualMachine, change types.PropertyChange) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("announcing %s of %s: %v", change.Name, vm.Self.Value, r)
		}
	}()
	simulator.Map.Update(vm, []types.PropertyChange{change})
}

var deltaSuffix = regexp.MustCompile(`-[0-9]{6}\.vmdk$`)

// diskChainUpdate returns what to do once a snapshot task has run, as ESXi does with the VM's disks: a new snapshot
// freezes the current file and the VM writes to a new delta (config.hardware.device[].backing.fileName becomes
// "disk1-000001.vmdk" with the frozen file as its parent); removing the last snapshot consolidates the chain, so the VM
// writes to its base file again. Govmomi 0.24 keeps the base file name throughout, so a cold import would look right
// even when it read the stale base.
// kubev2v/forklift d42511bb2 pkg/controller/plan/adapter/vsphere/utils.go: baseVolume (the current file is the top of the chain).
func diskChainUpdate(c call) func() {
	switch c.method {
	case "CreateSnapshot_Task":
		ref := types.ManagedObjectReference{Type: "VirtualMachine", Value: c.args["_this"]}
		return func() { withDisks(ref, newDelta) }
	case "RemoveSnapshot_Task":
		snapshot, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachineSnapshot", Value: c.args["_this"]}).(*simulator.VirtualMachineSnapshot)
		if !ok {
			return func() {}
		}
		ref := snapshot.Vm
		return func() {
			if vm, ok := simulator.Map.Get(ref).(*simulator.VirtualMachine); ok && vm.Snapshot == nil {
				withDisks(ref, consolidated)
			}
		}
	}
	return func() {}
}

// withDisks replaces the flat backing of every disk of the VM with change(backing), on a cloned device list so the
// snapshots keep the files they froze.
func withDisks(ref types.ManagedObjectReference, change func(*types.VirtualDiskFlatVer2BackingInfo) *types.VirtualDiskFlatVer2BackingInfo) {
	vm, ok := simulator.Map.Get(ref).(*simulator.VirtualMachine)
	if !ok {
		return
	}
	simulator.Map.WithLock(vm, func() {
		if vm.Config == nil {
			return
		}
		devices := make([]types.BaseVirtualDevice, len(vm.Config.Hardware.Device))
		for i, device := range vm.Config.Hardware.Device {
			devices[i] = device
			disk, isDisk := device.(*types.VirtualDisk)
			if !isDisk {
				continue
			}
			backing, flat := disk.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
			if !flat {
				continue
			}
			diskCopy := *disk
			diskCopy.Backing = change(backing)
			devices[i] = &diskCopy
		}
		hardware := vm.Config.Hardware
		hardware.Device = devices
		config := *vm.Config
		config.Hardware = hardware
		vm.Config = &config
	})
}

// newDelta: the next delta file of the chain ("disk1-00000N.vmdk", N = chain length), whose parent is the current file.
func newDelta(current *types.VirtualDiskFlatVer2BackingInfo) *types.VirtualDiskFlatVer2BackingInfo {
	depth := 1
	for p := current.Parent; p != nil; p = p.Parent {
		depth++
	}
	parent := *current
	delta := *current
	delta.FileName = deltaSuffix.ReplaceAllString(current.FileName, ".vmdk")
	delta.FileName = strings.TrimSuffix(delta.FileName, ".vmdk") + fmt.Sprintf("-%06d.vmdk", depth)
	delta.Parent = &parent
	return &delta
}

// consolidated: the base file of the chain, as the VM writes to it once no snapshot is left.
func consolidated(current *types.VirtualDiskFlatVer2BackingInfo) *types.VirtualDiskFlatVer2BackingInfo {
	base := *current
	for p := current.Parent; p != nil; p = p.Parent {
		base.FileName = p.FileName
	}
	base.Parent = nil
	return &base
}
