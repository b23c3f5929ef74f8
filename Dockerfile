# MTV Console: multi-stage build, .NET 10 SDK to the ASP.NET Core 10 runtime.
# Base images cannot be pulled on the development machines of this project; this file is kept
# correct by reading (see README).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props MtvConsole.sln dotnet-tools.json ./
COPY src/ src/
COPY wwwroot/ wwwroot/
COPY appsettings.json ./
RUN dotnet publish src/MtvConsole.Web/MtvConsole.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The database and the Data Protection keys live on the data volume.
RUN mkdir -p /data && chown app:app /data
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__DataFolder=/data \
    ConnectionStrings__Default="Data Source=/data/mtv-console.db"
VOLUME ["/data"]
EXPOSE 8080
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "MtvConsole.Web.dll", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "MtvConsole.Web.dll"]
