using Microsoft.EntityFrameworkCore;
using MtvConsole.Core.Auditing;
using MtvConsole.Data;

namespace MtvConsole.Web.Auditing;

/// <summary>Writes audit entries to the database, one short unit of work each.</summary>
internal sealed class DbAuditLog(IDbContextFactory<MtvDbContext> dbFactory, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(string user, string action, string target, string details = "", bool succeeded = true, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = user,
            Action = action,
            Target = target,
            Details = details,
            Succeeded = succeeded,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
