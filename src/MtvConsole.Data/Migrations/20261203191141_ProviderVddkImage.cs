using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MtvConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProviderVddkImage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VddkInitImage",
                table: "Providers",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImporterStartTimeoutMinutes",
                table: "EngineSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10); // EngineSettings.ImporterStartTimeoutMinutes' default for the row that exists

            migrationBuilder.CreateTable(
                name: "VddkImageChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Image = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Namespace = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JobName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VddkImageChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VddkImageChecks_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VddkImageChecks_Providers_TargetProviderId",
                        column: x => x.TargetProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VddkImageChecks_ProviderId_TargetProviderId",
                table: "VddkImageChecks",
                columns: new[] { "ProviderId", "TargetProviderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VddkImageChecks_TargetProviderId",
                table: "VddkImageChecks",
                column: "TargetProviderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VddkImageChecks");

            migrationBuilder.DropColumn(
                name: "VddkInitImage",
                table: "Providers");

            migrationBuilder.DropColumn(
                name: "ImporterStartTimeoutMinutes",
                table: "EngineSettings");
        }
    }
}
