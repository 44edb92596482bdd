// App settings of the function app. Deployed after roles.bicep so that the identity already holds its
// storage, Key Vault and monitoring roles when the app (re)starts with these settings.
//
// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE: the runtime and the package come from functionAppConfig instead.

@description('Name of the existing function app.')
param functionAppName string

@description('Name of the storage account.')
param storageAccountName string

@description('Blob service endpoint of the storage account.')
param blobEndpoint string

@description('Blob container with the catalogue versions, the working-day calendar and the source keys.')
param configContainerName string

@description('Queue service endpoint of the storage account.')
param queueEndpoint string

@description('Table service endpoint of the storage account.')
param tableEndpoint string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Key Vault secret URI (without version) of the pseudonym key.')
param pseudonymKeySecretUri string

@description('Key Vault secret URI (without version) of the report signing key.')
param reportsSigningKeySecretUri string

@description('Base URL of the Municipal Public Credit Information Service Platform.')
param platformBaseUrl string

@description('Entra scope the app requests a token for when calling the platform.')
param platformScope string

@description('Entra tenant of the API app registration: the OpenAPI document names its token and OpenID Connect URLs.')
param entraTenantId string

@description('Client id of the API app registration: the OpenAPI document names the scope api://{clientId}/.default.')
param entraClientId string

@description('Default host name of the function app: the OpenAPI document names https://{host} as this deployment\'s server.')
param defaultHostName string

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage through the managed identity (no AzureWebJobsStorage connection string).
    // `__accountName` alone makes the host build *.core.windows.net URIs, which are wrong in a sovereign
    // cloud such as Azure China; the explicit service URIs below win over it and carry the right suffix.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint

    // The app's own storage (contract: "Storage and configuration"): identity, no account keys.
    CreditStorage__tableServiceUri: tableEndpoint
    CreditStorage__queueServiceUri: queueEndpoint
    // Claim-check record lists (`recordsBlob`, container credit-ingest-blobs).
    CreditStorage__blobServiceUri: blobEndpoint

    // Data that changes without a deploy, read with the app's identity (Storage Blob Data Owner on the
    // account already covers reading it): catalogue/*.json, calendar/working-days-cn.json and
    // source-keys/{unit}.jwks.json. The blob counterparts of Catalogue__Directory, the embedded calendar and
    // SourceKeys__Directory (bicep/README.md, "Data that changes without a deploy").
    ConfigData__ContainerUri: '${blobEndpoint}${configContainerName}'

    // Telemetry with Entra auth only (Application Insights has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'

    // The app sits behind App Service authentication, which sets X-MS-CLIENT-PRINCIPAL.
    Auth__TrustClientPrincipal: 'true'

    Platform__BaseUrl: platformBaseUrl
    Platform__Scope: platformScope
    // Outbox reconciliation's timer (6-field UTC cron), a %setting% so tests can run it every few seconds.
    PlatformReconcileSchedule: '0 */5 * * * *'

    // What the OpenAPI document (/api/openapi.json, /api/docs) tells callers: where to get a token (this cloud's
    // login host, e.g. https://login.chinacloudapi.cn/ in Azure China, and this tenant), for which scope
    // (api://{clientId}/.default, an audience App Service authentication accepts), and this deployment's URL.
    OpenApi__EntraTenantId: entraTenantId
    OpenApi__EntraClientId: entraClientId
    OpenApi__EntraLoginHost: environment().authentication.loginEndpoint
    OpenApi__ServerUrl: 'https://${defaultHostName}'

    // Resolved by App Service with the system-assigned identity (Key Vault Secrets User).
    Pseudonym__Key: '@Microsoft.KeyVault(SecretUri=${pseudonymKeySecretUri})'
    // The register's key that signs credit reports (ES256); its public half is served at /api/reports/keys.
    Reports__SigningKey: '@Microsoft.KeyVault(SecretUri=${reportsSigningKeySecretUri})'
  }
}
