// Command vcsim is the test fixture of MtvConsole.Vsphere: govmomi's vCenter simulator (0.24, built in
// GOPATH mode against Debian's sources) with what that version lacks for migration tests:
// QueryChangedDiskAreas with change ids on snapshots of CBT-enabled VMs, maxObjects paging through
// ContinueRetrievePropertiesEx, tasks that stay running for a set time, sessions that end (NotAuthenticated without
// one, an idle timeout, TerminateSession), finished tasks purged after a set time, quiescing snapshots refused without
// running VMware Tools, and a scenario that plants VMs
// with RDM, shared disks, passthrough, vGPU with CPU/NUMA affinity, EFI with secure boot, snapshots,
// CBT, no VMware Tools, and a cluster with DRS, HA, DPM and a VM-Host affinity rule.
//
// It prints "VCSIM_READY url=... thumbprint=..." and writes -ready-file once serving; SIGTERM cleans up.
package main

import (
	"context"
	"crypto/sha1"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"
)

func main() {
	listen := flag.String("l", "127.0.0.1:0", "listen address (port 0 picks a free port)")
	useTLS := flag.Bool("tls", false, "serve https with the simulator's built-in certificate")
	username := flag.String("username", "", "the only user name Login accepts (any when empty)")
	password := flag.String("password", "", "the only password Login accepts")
	dcs := flag.Int("dc", 1, "datacenters")
	clusters := flag.Int("cluster", 1, "clusters per datacenter")
	hosts := flag.Int("host", 3, "hosts per cluster")
	standalone := flag.Int("standalone-host", 0, "standalone hosts per datacenter")
	vms := flag.Int("vm", 20, "VMs per cluster (root resource pool) and per standalone host")
	datastores := flag.Int("ds", 1, "datastores per datacenter")
	portgroups := flag.Int("pg", 1, "distributed port groups per datacenter")
	scenario := flag.Bool("scenario", false, "plant the special VMs and cluster settings (see scenario.go)")
	paging := flag.Bool("paging", true, "honour RetrievePropertiesEx maxObjects with ContinueRetrievePropertiesEx tokens")
	taskDelay := flag.Duration("task-delay", 0, "keep every *_Task running (progress 50) for this long")
	taskRetention := flag.Duration("task-retention", 0, "purge a *_Task this long after it finished, as vCenter does (0: keep tasks)")
	sessionIdle := flag.Duration("session-idle-timeout", 0, "end a session idle for this long (0: sessions never time out)")
	readyFile := flag.String("ready-file", "", "write {url, thumbprint, pid, vms, scenario} here once serving")
	flag.Parse()

	model := simulator.VPX()
	model.Datacenter = *dcs
	model.Cluster = *clusters
	model.ClusterHost = *hosts
	model.Host = *standalone
	model.Machine = *vms
	model.Datastore = *datastores
	model.Portgroup = *portgroups
	model.Pool = 0
	model.App = 0

	started := time.Now()
	if err := model.Create(); err != nil {
		log.Fatalf("creating the model: %v", err)
	}
	createSeconds := time.Since(started).Seconds()
	defer model.Remove()

	model.Service.Listen = &url.URL{Host: *listen}
	if *username != "" {
		model.Service.Listen.User = url.UserPassword(*username, *password)
	}
	if *useTLS {
		model.Service.TLS = new(tls.Config)
	}
	server := model.Service.NewServer()
	defer server.Close()

	ext := newExtensions(*paging, *taskDelay, *taskRetention, *sessionIdle)
	inner := server.Server.Config.Handler
	server.Server.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext.serve(inner, w, r)
	})

	thumbprint := ""
	if *useTLS {
		sum := sha1.Sum(server.Certificate().Raw)
		parts := make([]string, len(sum))
		for i, b := range sum {
			parts[i] = fmt.Sprintf("%02X", b)
		}
		thumbprint = strings.Join(parts, ":")
	}

	sdkURL := *server.URL
	sdkURL.User = nil
	planted := map[string]plantedVM{}
	if *scenario {
		var err error
		planted, err = plant(context.Background(), server.URL, thumbprint)
		if err != nil {
			log.Fatalf("planting the scenario: %v", err)
		}
	}

	total := len(simulator.Map.All("VirtualMachine"))
	if *readyFile != "" {
		ready, _ := json.Marshal(map[string]interface{}{
			"url": sdkURL.String(), "thumbprint": thumbprint, "pid": os.Getpid(), "vms": total,
			"createSeconds": createSeconds, "scenario": planted,
		})
		tmp := *readyFile + ".tmp"
		if err := os.WriteFile(tmp, ready, 0o600); err != nil {
			log.Fatalf("writing the ready file: %v", err)
		}
		if err := os.Rename(tmp, *readyFile); err != nil {
			log.Fatalf("writing the ready file: %v", err)
		}
	}
	fmt.Printf("VCSIM_READY url=%s thumbprint=%s vms=%d\n", sdkURL.String(), thumbprint, total)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	<-signals
}
