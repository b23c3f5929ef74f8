// The migrations hub for browser JavaScript: a page of the console's origin (or a portal behind the same
// host) loads /lib/signalr/signalr.min.js and this file, then calls MtvMigrations.watch(...).
//
//   const watch = MtvMigrations.watch({
//     plan: "wave-1",                         // or omit for every plan
//     onSnapshot: plans => ...,               // the whole state, first and again after every reconnect
//     onProgress: batch => ...,               // phase changes (in order), changed VMs, plan status
//     onValidationFlags: flags => ...,        // a VM's concerns changed
//     onState: state => ...,                  // "connecting", "connected", "reconnecting", "disconnected"
//     accessToken: "mtv_..."                  // optional: a personal API token instead of the session cookie
//   });
//   await watch.started; ... await watch.stop();
//
// Group membership does not survive a reconnect, so the subscription is sent again each time the
// connection comes back, and the server answers with a fresh snapshot before further changes.
(function (global) {
    "use strict";

    const hubPath = "/hubs/migrations";

    function watch(options) {
        const o = options || {};
        if (!global.signalR) throw new Error("Load /lib/signalr/signalr.min.js before /js/migrations-hub.js.");
        const state = s => { if (o.onState) o.onState(s); };
        const builder = new global.signalR.HubConnectionBuilder()
            .withUrl(o.url || hubPath, o.accessToken ? { accessTokenFactory: () => o.accessToken } : {})
            // Keep trying: 0, 2, 5 and 10 s, then every 30 s (a console restart or a network change takes a while).
            .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => [0, 2000, 5000, 10000][c.previousRetryCount] ?? 30000 });
        const connection = builder.build();

        connection.on("Snapshot", plans => o.onSnapshot && o.onSnapshot(plans));
        connection.on("Progress", batch => o.onProgress && o.onProgress(batch));
        connection.on("ValidationFlags", flags => o.onValidationFlags && o.onValidationFlags(flags));

        const subscribe = () => o.plan ? connection.invoke("SubscribePlan", o.plan) : connection.invoke("SubscribeAll");
        connection.onreconnecting(() => state("reconnecting"));
        connection.onreconnected(async () => {
            state("connected");
            await subscribe();
        });
        connection.onclose(() => state("disconnected"));

        state("connecting");
        const started = connection.start().then(async () => {
            state("connected");
            await subscribe();
        });

        return {
            connection,
            started,
            stop: () => connection.stop(),
        };
    }

    global.MtvMigrations = { watch };
})(window);
