using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MtvConsole.Data;

/// <summary>Lets <c>dotnet ef</c> build the model from this project alone (migrations live here).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MtvDbContext>
{
    public MtvDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MtvDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
