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

    private static Task<IResult> SaveNetworkAsync(HttpContext http, string? existingName, NetworkMapRequest body, CancellationToken ct) =>
        SaveAsync(http, existingName, "network-maps", NetworkMapDto.From, (providerIds, id, errors) =>
        {
            var form = MapRequests.ToForm(body, body.Name ?? existingName ?? "", providerIds, errors);
            return errors.Count > 0 ? null : new NetworkMap
            {
                Id = id, Name = form.Name,
                SourceProviderId = form.SourceProviderId, DestinationProviderId = form.DestinationProviderId, Entries = [.. form.ToEntries()],
            };
        }, (from, to) => (to.SourceProviderId, to.DestinationProviderId, to.Entries) = (from.SourceProviderId, from.DestinationProviderId, from.Entries), ct);

    private static Task<IResult> SaveStorageAsync(HttpContext http, string? existingName, StorageMapRequest body, CancellationToken ct) =>
        SaveAsync(http, existingName, "storage-maps", StorageMapDto.From, (providerIds, id, errors) =>
        {
            var form = MapRequests.ToForm(body, body.Name ?? existingName ?? "", providerIds, errors);
            return errors.Count > 0 ? null : new StorageMap
            {
                Id = id, Name = form.Name,
                SourceProviderId = form.SourceProviderId, DestinationProviderId = form.DestinationProviderId, Entries = [.. form.ToEntries()],
            };
        }, (from, to) => (to.SourceProviderId, to.DestinationProviderId, to.Entries) = (from.SourceProviderId, from.DestinationProviderId, from.Entries), ct);

    /// <summary>
    /// Creates (no <paramref name="existingName"/>) or replaces a map: 404 for an unknown map, 400 with every
    /// field error and nothing saved, 409 for a taken name; answers the saved map as the list shows it.
    /// </summary>
    private static async Task<IResult> SaveAsync<T, TDto>(HttpContext http, string? existingName, string route,
        Func<T, IReadOnlyDictionary<Guid, string>, TDto> toDto, Func<Dictionary<string, Guid>, Guid, Dictionary<string, string>, T?> build,
        Action<T, T> copy, CancellationToken ct) where T : MappedResource
    {
        var (dbFactory, store) = Services(http);
        T? existing = null;
        if (existingName is not null && (existing = await ApiLookup.ByNameAsync<T>(dbFactory, existingName, ct)) is null)
            return ApiProblems.NotFound(Kind<T>(), existingName);
        var errors = new Dictionary<string, string>();
        var map = build(await ProviderIdsAsync(dbFactory, ct), existing?.Id ?? Guid.NewGuid(), errors);
        if (map is null) return ApiProblems.Invalid(errors);
        var problem = await store.SaveAsync(http.User.UserName(), map, copy, ct);
        if (problem is not null) return Problem(problem);
        var saved = toDto((await ApiLookup.ByNameAsync<T>(dbFactory, map.Name, ct))!, await ApiLookup.ProviderNamesAsync(dbFactory, ct));
        return existing is null ? Results.Created($"/api/v1/{route}/{map.Name}", saved) : Results.Ok(saved);
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
