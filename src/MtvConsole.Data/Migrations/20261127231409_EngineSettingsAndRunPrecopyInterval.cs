using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MtvConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class EngineSettingsAndRunPrecopyInterval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PrecopyIntervalMinutes",
                table: "Migrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EngineSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxInFlightPerHost = table.Column<int>(type: "INTEGER", nullable: false),
                    PrecopyIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WarmMaxFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    WarmMaxConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    HookRetries = table.Column<int>(type: "INTEGER", nullable: false),
                    ImporterRetries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineSettings", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngineSettings");

            migrationBuilder.DropColumn(
                name: "PrecopyIntervalMinutes",
                table: "Migrations");
        }
    }
}
