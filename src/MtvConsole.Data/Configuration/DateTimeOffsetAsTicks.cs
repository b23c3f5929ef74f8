using Microsoft.EntityFrameworkCore;

namespace MtvConsole.Data.Configuration;

/// <summary>
/// SQLite cannot order or compare DateTimeOffset text; store every DateTimeOffset as UTC ticks
/// (a sortable INTEGER) so queries such as "newest audit entries first" run in the database.
/// </summary>
internal static class DateTimeOffsetAsTicks
{
    public static void Apply(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

internal sealed class DateTimeOffsetToUtcTicksConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
