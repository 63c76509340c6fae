# One container: the app and its SQLite database on a volume.
#   docker build -t dashboard .
#   docker run -p 8080:8080 -v dashboard-data:/data dashboard
# The first start prints the admin's one-time password in the log (or set Dashboard__Admin__Email/Password).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The build runs `npm ci` and fills wwwroot/lib (build/FrontEnd.targets) and extracts blazor.web.js.
RUN dotnet publish Dashboard/Dashboard.csproj -c Release -o /app \
 && cp appsettings.json /app/ \
 && cp -r wwwroot /app/wwwroot

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown app:app /data
USER app
ENV Urls=http://0.0.0.0:8080 \
    Dashboard__DataDirectory=/data \
    ConnectionStrings__Dashboard="Data Source=/data/dashboard.db"
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.dll", "--contentRoot", "/app"]
