# syntax=docker/dockerfile:1
# Polytape recorder image: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t polytape .
#   docker run -d --name polytape -v polytape-data:/data -p 127.0.0.1:9090:9090 polytape
# Data (archive, SQLite, status.json) lives on the /data volume; a /data/polytape.yaml is read if present.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Build policy and central package versions first: they decide every project's restore.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Polytape.Cli/Polytape.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY polytape.example.yaml ./

# Everything the recorder writes goes to /data; the HTTP endpoints listen on all interfaces inside the container.
ENV POLYTAPE_ARCHIVE__DIRECTORY=/data/archive \
    POLYTAPE_STORAGE__SQLITE__PATH=/data/polytape.db \
    POLYTAPE_OBSERVABILITY__STATUS_FILE=/data/status.json \
    POLYTAPE_OBSERVABILITY__LISTEN=0.0.0.0:9090 \
    POLYTAPE_OBSERVABILITY__LOG_FORMAT=json \
    DOTNET_gcServer=0

# The image's built-in non-root user (uid 1654); /data must be writable by it.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
WORKDIR /data
VOLUME ["/data"]
EXPOSE 9090

# The runtime image has no curl: ask /health over bash's /dev/tcp and accept only "HTTP/1.1 200".
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9090 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# SIGTERM stops reading, drains the queues and seals the archive; give it time (docker stop -t 120).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/polytape.dll"]
CMD ["record"]
