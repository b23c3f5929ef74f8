using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Resources;
using MtvConsole.Data.Configuration;

namespace MtvConsole.Data.Engine;

/// <summary>
/// Writes the changing columns of many VM statuses with one prepared UPDATE in one transaction (the
/// engine saves every VM's progress every tick; EF change tracking costs more than SQLite here). Column
/// formats are the model's: Guid as upper-case text, DateTimeOffset as UTC ticks, JSON columns as
/// <see cref="JsonColumn"/> writes them. Returns the statuses no row matched.
/// </summary>
internal static class VmStatusWriter
{
    private const string Sql =
        "UPDATE VmStatuses SET Phase = $phase, Started = $started, Completed = $completed, RestorePowerState = $power, "
        + "Pipeline = $pipeline, Warm = $warm, Error = $error, Conditions = $conditions WHERE Id = $id";

    public static async Task<List<VmStatus>> UpdateAsync(MtvDbContext db, IReadOnlyList<VmStatus> vms, CancellationToken ct)
    {
        var missed = new List<VmStatus>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Sql;
            var p = new Dictionary<string, DbParameter>();
            foreach (var name in new[] { "$phase", "$started", "$completed", "$power", "$pipeline", "$warm", "$error", "$conditions", "$id" })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
                p[name] = parameter;
            }

            await command.PrepareAsync(ct);
            foreach (var vm in vms)
            {
                p["$phase"].Value = vm.Phase;
                p["$started"].Value = vm.Started is { } s ? s.UtcTicks : DBNull.Value;
                p["$completed"].Value = vm.Completed is { } c ? c.UtcTicks : DBNull.Value;
                p["$power"].Value = (int)vm.RestorePowerState;
                p["$pipeline"].Value = JsonSerializer.Serialize(vm.Pipeline, JsonColumn.Options);
                p["$warm"].Value = vm.Warm is null ? DBNull.Value : JsonSerializer.Serialize(vm.Warm, JsonColumn.Options);
                p["$error"].Value = vm.Error is null ? DBNull.Value : JsonSerializer.Serialize(vm.Error, JsonColumn.Options);
                p["$conditions"].Value = JsonSerializer.Serialize(vm.Conditions, JsonColumn.Options);
                p["$id"].Value = vm.Id.ToString().ToUpperInvariant();
                if (await command.ExecuteNonQueryAsync(ct) == 0) missed.Add(vm);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return missed;
    }
}
