using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MtvConsole.Vsphere.Soap;

/// <summary>What one attempt of a SOAP call received: the HTTP status and, for OK and faults (500), the whole body.</summary>
internal sealed record VimAnswer(HttpStatusCode Status, string? Reason, MemoryStream? Body) : IDisposable
{
    public void Dispose() => Body?.Dispose();
}

/// <summary>
/// The timeouts and retries of SOAP calls (Polly): a total limit per call, a limit per attempt, and retries with
/// exponential backoff and jitter — for read-only methods on any transient failure (no connection, a reset, 502/503/504,
/// an attempt that timed out), for every other method only when the connection could not be made, so a call that may
/// have reached vCenter (CreateSnapshot_Task, PowerOffVM_Task…) is never sent twice. WaitForUpdatesEx gets its
/// <c>maxWaitSeconds</c> on top of both limits.
/// </summary>
internal sealed class VimCallResilience
{
    /// <summary>Methods that only read: sending one twice changes nothing in vCenter.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "RetrieveServiceContent", "RetrieveProperties", "RetrievePropertiesEx", "ContinueRetrievePropertiesEx",
        "QueryChangedDiskAreas", "WaitForUpdatesEx", "CheckForUpdates", "CurrentTime",
    };

    private static readonly ResiliencePropertyKey<TimeSpan> LongPoll = new("vim.long-poll");
    private static readonly ResiliencePropertyKey<int> Attempts = new("vim.attempts");

    private readonly ResiliencePipeline<VimAnswer> _readOnly;
    private readonly ResiliencePipeline<VimAnswer> _other;

    public VimCallResilience(VsphereConnectionOptions options, TimeProvider time)
    {
        Total = options.Timeout;
        Attempt = options.AttemptTimeout < options.Timeout ? options.AttemptTimeout : options.Timeout;
        _readOnly = Build(options, time, IsTransient);
        _other = Build(options, time, NotConnected);
    }

    /// <summary>The limit of a whole call, retries included.</summary>
    public TimeSpan Total { get; }

    /// <summary>The limit of one attempt.</summary>
    public TimeSpan Attempt { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> (one HTTP exchange) under the method's policy. <paramref name="longPoll"/> is the
    /// time the server may hold the call on purpose (WaitForUpdatesEx). Returns the last answer and how many attempts were made.
    /// </summary>
    public async Task<(VimAnswer Answer, int Attempts)> ExecuteAsync(
        string method, TimeSpan longPoll, Func<CancellationToken, Task<VimAnswer>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(LongPoll, longPoll);
        context.Properties.Set(Attempts, 0);
        try
        {
            var pipeline = ReadOnlyMethods.Contains(method) ? _readOnly : _other;
            var answer = await pipeline.ExecuteAsync(async c =>
            {
                c.Properties.Set(Attempts, c.Properties.GetValue(Attempts, 0) + 1);
                return await attempt(c.CancellationToken).ConfigureAwait(false);
            }, context).ConfigureAwait(false);
            return (answer, context.Properties.GetValue(Attempts, 1));
        }
        catch (TimeoutRejectedException e)
        {
            throw new VimTimeoutException(e.Timeout, context.Properties.GetValue(Attempts, 1), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline<VimAnswer> Build(VsphereConnectionOptions options, TimeProvider time, Func<Outcome<VimAnswer>, bool> retryOn) =>
        new ResiliencePipelineBuilder<VimAnswer> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = a => ValueTask.FromResult(Total + a.Context.Properties.GetValue(LongPoll, TimeSpan.Zero)) })
            .AddRetry(new RetryStrategyOptions<VimAnswer>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 0) is var n && n > 0 ? n : 1,
                ShouldHandle = a => ValueTask.FromResult(options.MaxRetries > 0 && retryOn(a.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryDelay > TimeSpan.Zero,
                Delay = options.RetryDelay,
                OnRetry = a =>
                {
                    a.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = a => ValueTask.FromResult(Attempt + a.Context.Properties.GetValue(LongPoll, TimeSpan.Zero)) })
            .Build();

    /// <summary>A failure after which a read-only call may be sent again.</summary>
    internal static bool IsTransient(Outcome<VimAnswer> outcome) => outcome switch
    {
        { Result: { } answer } => answer.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        { Exception: HttpRequestException e } => e.HttpRequestError != HttpRequestError.SecureConnectionError,
        { Exception: TimeoutRejectedException or IOException } => true,
        _ => false,
    };

    /// <summary>A failure that happened before the request left: the connection (or the name lookup) failed.</summary>
    internal static bool NotConnected(Outcome<VimAnswer> outcome) =>
        outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}

/// <summary>A SOAP call that hit a limit: <see cref="Limit"/> is the limit that expired, after <see cref="Attempts"/> attempts.</summary>
internal sealed class VimTimeoutException(TimeSpan limit, int attempts, Exception inner) : Exception($"timed out after {limit}", inner)
{
    public TimeSpan Limit { get; } = limit;
    public int Attempts { get; } = attempts;
}
