using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MtvConsole.Core.Conditions;
using MtvConsole.Core.Engine;
using MtvConsole.Core.Ports;
using MtvConsole.Core.Resources;
using MtvConsole.Lab;
using MtvConsole.Web.Engine;

namespace MtvConsole.Web.Tests;

public sealed class EngineHostedServiceTests
{
    [Fact]
    public async Task The_loop_survives_failing_ticks_and_keeps_ticking()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var store = new BrokenStore();
        var engine = new MigrationEngine(store, new NoAdapters(), new LabHookRunner(time), time, new EngineEventFeed());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:TickSeconds"] = "3" }).Build();
        using var service = new EngineHostedService(engine, time, configuration, NullLogger<EngineHostedService>.Instance);

        await service.StartAsync(CancellationToken.None);
        // The loop starts on the thread pool; keep moving the clock (no sleeping) until three ticks have failed.
        for (var i = 0; i < 1_000_000 && !store.ThirdCall.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            await Task.Yield();
        }

        await store.ThirdCall.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(service.FailedTicks >= 2);
        Assert.False(service.ExecuteTask!.IsCompleted);
        await service.StopAsync(CancellationToken.None);
    }

    private sealed class BrokenStore : IMigrationStore
    {
        private int _calls;

        public TaskCompletionSource ThirdCall { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<EngineSettings> GetSettingsAsync(CancellationToken cancellationToken = default)
        {
            var calls = Interlocked.Increment(ref _calls);
            if (calls >= 3) ThirdCall.TrySetResult();
            throw new InvalidOperationException("database is locked");
        }

        public Task SaveSettingsAsync(EngineSettings settings, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<Plan?> FindPlanAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<PlanContext?> GetPlanContextAsync(Guid planId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task UpdatePlanAsync(Guid planId, Action<Plan> change, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<MigrationRun>> GetUnfinishedRunsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<MigrationRun?> GetLastFinishedRunAsync(Guid planId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<MigrationRun>> GetRunsAsync(Guid planId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task AddRunAsync(MigrationRun run, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task SaveRunAsync(MigrationRun run, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task AddVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task SaveVmsAsync(IReadOnlyList<VmStatus> vms, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class NoAdapters : IProviderAdapters
    {
        public ISourceProvider Source(Provider provider) => throw new ProviderUnavailableException("none");

        public ITargetCluster Target(Provider provider) => throw new ProviderUnavailableException("none");
    }
}
