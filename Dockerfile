# For machines with Docker and the full NuGet feed (not these development machines; see
# docs/decisions/0002-no-testcontainers.md). The real blazor.web.js package restores there, so the
# embedded-script workaround is switched off.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/HazardPortal.Web -c Release -o /app -p:UseEmbeddedBlazorScript=false -p:RestoreLockedMode=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends libgdiplus && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "HazardPortal.Web.dll"]
