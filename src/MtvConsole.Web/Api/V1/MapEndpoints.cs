using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data;
using MtvConsole.Web.Auth;
using MtvConsole.Web.Mapping;

namespace MtvConsole.Web.Api.V1;

/// <summary>Network and storage maps: list and read with conditions (everyone); create, update and delete (operators).</summary>
internal static class MapEndpoints
{
    public static void MapMapEndpoints(this RouteGroupBuilder api)
    {
        var network = api.MapGroup("/network-maps").WithTags("Network maps");
        network.MapGet("/", (IDbContextFactory<MtvDbContext> db, CancellationToken ct) => ListAsync<NetworkMap, NetworkMapDto>(db, NetworkMapDto.From, ct))
            .WithSummary("List network maps with their entries and conditions");
        network.MapGet("/{name}", (string name, IDbContextFactory<MtvDbContext> db, CancellationToken ct) => GetAsync<NetworkMap, NetworkMapDto>(db, name, NetworkMapDto.From, ct))
            .WithSummary("Read one network map");
        network.MapPost("/", (NetworkMapRequest body, HttpContext http, CancellationToken ct) =>
            SaveNetworkAsync(http, null, body, ct)).RequireAuthorization(Policies.Operator).WithSummary("Create a network map");
        network.MapPut("/{name}", (string name, NetworkMapRequest body, HttpContext http, CancellationToken ct) =>
            SaveNetworkAsync(http, name, body, ct)).RequireAuthorization(Policies.Operator).WithSummary("Replace a network map's providers and entries (a different name renames it)");
        network.MapDelete("/{name}", (string name, HttpContext http, CancellationToken ct) => DeleteAsync<NetworkMap>(http, name, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Delete a network map (refused while a plan uses it)");

        var storage = api.MapGroup("/storage-maps").WithTags("Storage maps");
        storage.MapGet("/", (IDbContextFactory<MtvDbContext> db, CancellationToken ct) => ListAsync<StorageMap, StorageMapDto>(db, StorageMapDto.From, ct))
            .WithSummary("List storage maps with their entries and conditions");
        storage.MapGet("/{name}", (string name, IDbContextFactory<MtvDbContext> db, CancellationToken ct) => GetAsync<StorageMap, StorageMapDto>(db, name, StorageMapDto.From, ct))
            .WithSummary("Read one storage map");
        storage.MapPost("/", (StorageMapRequest body, HttpContext http, CancellationToken ct) =>
            SaveStorageAsync(http, null, body, ct)).RequireAuthorization(Policies.Operator).WithSummary("Create a storage map");
        storage.MapPut("/{name}", (string name, StorageMapRequest body, HttpContext http, CancellationToken ct) =>
            SaveStorageAsync(http, name, body, ct)).RequireAuthorization(Policies.Operator).WithSummary("Replace a storage map's providers and entries (a different name renames it)");
        storage.MapDelete("/{name}", (string name, HttpContext http, CancellationToken ct) => DeleteAsync<StorageMap>(http, name, ct))
            .RequireAuthorization(Policies.Operator).WithSummary("Delete a storage map (refused while a plan uses it)");
    }

    private static async Task<IResult> ListAsync<T, TDto>(IDbContextFactory<MtvDbContext> dbFactory, Func<T, IReadOnlyDictionary<Guid, string>, TDto> toDto, CancellationToken ct)
        where T : MappedResource
    {
        var providers = await ApiLookup.ProviderNamesAsync(dbFactory, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var maps = await db.Set<T>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        return Results.Ok(maps.Select(m => toDto(m, providers)));
    }

    private static async Task<IResult> GetAsync<T, TDto>(IDbContextFactory<MtvDbContext> dbFactory, string name, Func<T, IReadOnlyDictionary<Guid, string>, TDto> toDto, CancellationToken ct)
        where T : MappedResource =>
        await ApiLookup.ByNameAsync<T>(dbFactory, name, ct) is { } map
            ? Results.Ok(toDto(map, await ApiLookup.ProviderNamesAsync(dbFactory, ct)))
            : ApiProblems.NotFound(Kind<T>(), name);

    private static async Task<IResult> SaveNetworkAsync(HttpContext http, string? existingName, NetworkMapRequest body, CancellationToken ct)
    {
        var (dbFactory, store) = Services(http);
        NetworkMap? existing = null;
        if (existingName is not null && (existing = await ApiLookup.ByNameAsync<NetworkMap>(dbFactory, existingName, ct)) is null)
            return ApiProblems.NotFound("network map", existingName);
        var errors = new Dictionary<string, string>();
        var form = MapRequests.ToForm(body, body.Name ?? existingName ?? "", await ProviderIdsAsync(dbFactory, ct), errors);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        var map = new NetworkMap
        {
            Id = existing?.Id ?? Guid.NewGuid(), Name = form.Name,
            SourceProviderId = form.SourceProviderId, DestinationProviderId = form.DestinationProviderId, Entries = [.. form.ToEntries()],
        };
        var problem = await store.SaveAsync(http.User.UserName(), map, (from, to) =>
        {
            (to.SourceProviderId, to.DestinationProviderId, to.Entries) = (from.SourceProviderId, from.DestinationProviderId, from.Entries);
        }, ct);
        if (problem is not null) return Problem(problem);
        var saved = NetworkMapDto.From((await ApiLookup.ByNameAsync<NetworkMap>(dbFactory, map.Name, ct))!, await ApiLookup.ProviderNamesAsync(dbFactory, ct));
        return existing is null ? Results.Created($"/api/v1/network-maps/{map.Name}", saved) : Results.Ok(saved);
    }

    private static async Task<IResult> SaveStorageAsync(HttpContext http, string? existingName, StorageMapRequest body, CancellationToken ct)
    {
        var (dbFactory, store) = Services(http);
        StorageMap? existing = null;
        if (existingName is not null && (existing = await ApiLookup.ByNameAsync<StorageMap>(dbFactory, existingName, ct)) is null)
            return ApiProblems.NotFound("storage map", existingName);
        var errors = new Dictionary<string, string>();
        var form = MapRequests.ToForm(body, body.Name ?? existingName ?? "", await ProviderIdsAsync(dbFactory, ct), errors);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        var map = new StorageMap
        {
            Id = existing?.Id ?? Guid.NewGuid(), Name = form.Name,
            SourceProviderId = form.SourceProviderId, DestinationProviderId = form.DestinationProviderId, Entries = [.. form.ToEntries()],
        };
        var problem = await store.SaveAsync(http.User.UserName(), map, (from, to) =>
        {
            (to.SourceProviderId, to.DestinationProviderId, to.Entries) = (from.SourceProviderId, from.DestinationProviderId, from.Entries);
        }, ct);
        if (problem is not null) return Problem(problem);
        var saved = StorageMapDto.From((await ApiLookup.ByNameAsync<StorageMap>(dbFactory, map.Name, ct))!, await ApiLookup.ProviderNamesAsync(dbFactory, ct));
        return existing is null ? Results.Created($"/api/v1/storage-maps/{map.Name}", saved) : Results.Ok(saved);
    }

    private static async Task<IResult> DeleteAsync<T>(HttpContext http, string name, CancellationToken ct) where T : MappedResource
    {
        var (dbFactory, store) = Services(http);
        if (await ApiLookup.ByNameAsync<T>(dbFactory, name, ct) is not { } map) return ApiProblems.NotFound(Kind<T>(), name);
        var problem = await store.DeleteAsync<T>(http.User.UserName(), map.Id, ct);
        return problem is null ? Results.NoContent() : ApiProblems.Refused(problem);
    }

    /// <summary>The store's refusals: a bad or taken name is a validation error of <c>name</c>.</summary>
    private static IResult Problem(string problem) =>
        problem.StartsWith("The name", StringComparison.Ordinal) ? ApiProblems.Invalid("name", problem)
        : problem.Contains("already exists", StringComparison.Ordinal) ? ApiProblems.Conflict(problem)
        : ApiProblems.Refused(problem);

    private static async Task<Dictionary<string, Guid>> ProviderIdsAsync(IDbContextFactory<MtvDbContext> dbFactory, CancellationToken ct) =>
        (await ApiLookup.ProviderNamesAsync(dbFactory, ct)).ToDictionary(kv => kv.Value, kv => kv.Key);

    private static (IDbContextFactory<MtvDbContext>, MapStore) Services(HttpContext http) =>
        (http.RequestServices.GetRequiredService<IDbContextFactory<MtvDbContext>>(), http.RequestServices.GetRequiredService<MapStore>());

    private static string Kind<T>() => typeof(T) == typeof(NetworkMap) ? "network map" : "storage map";
}
