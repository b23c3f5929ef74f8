using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MtvConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConversionTimeout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConversionTimeoutMinutes",
                table: "EngineSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 240); // EngineSettings.ConversionTimeoutMinutes's default, for the settings row that already exists
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConversionTimeoutMinutes",
                table: "EngineSettings");
        }
    }
}
