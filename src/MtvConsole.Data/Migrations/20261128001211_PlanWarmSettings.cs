using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MtvConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanWarmSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PrecopyIntervalMinutes",
                table: "Plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScheduledCutover",
                table: "Plans",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrecopyIntervalMinutes",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ScheduledCutover",
                table: "Plans");
        }
    }
}
