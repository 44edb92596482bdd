// CreditFunctions: the Shanghai HRSS Bureau's credit register on Azure Functions (Flex Consumption,
// .NET 10 isolated worker). Deploys into an existing resource group:
//   storage (tables, queues, blob containers) · Flex Consumption plan + function app · Key Vault with
//   the pseudonym key (written once) · Log Analytics + Application Insights · role assignments for the
//   app's identity · per-unit notices queues and queue-scoped rights for each unit · operators' rights ·
//   alerts, the /api/health test, diagnostic settings and the operations workbook.
// Local modules only (no registry), so `infra/bicep-check` builds and lints it offline.
targetScope = 'resourceGroup'

@description('Short environment name (e.g. dev, test, prod); part of every resource name.')
@minLength(1)
@maxLength(16)
param environmentName string

// The deployment is meant for Azure operated by 21Vianet (e.g. `chinaeast2`, Shanghai). Flex Consumption
// is not offered in every region or cloud: check availability first
// (`az functionapp list-flexconsumption-locations`) and pick the resource group's region accordingly.
@description('Azure region for all resources. Defaults to the resource group\'s region (intended: chinaeast2, if Flex Consumption is offered there).')
param location string = resourceGroup().location

@description('Base URL of the Municipal Public Credit Information Service Platform; events are POSTed to {base}/credit-events.')
param platformBaseUrl string

@description('Entra scope the app requests a token for when calling the platform (e.g. api://<platform-app-id>/.default).')
param platformScope string

@description('Application (client) id of the Entra app registration that protects this API (App Service authentication).')
param entraClientId string

@description('Entra tenant that issues tokens for the API. Defaults to the deployment\'s tenant.')
param entraTenantId string = tenant().tenantId

// The pseudonym key is created once per environment and never rewritten by a later deployment (see
// bicep/README.md, "The pseudonym key"): the default looks the secret up and fails if there is none.
@description('True on the first deployment of an environment only: writes the Key Vault secret pseudonym-key from pseudonymKey. Leave false afterwards; a different value would orphan every individual\'s records.')
param createPseudonymKey bool = false

@secure()
@description('The pseudonym key (e.g. openssl rand -base64 32), read only when createPseudonymKey is true. Given to the app as a Key Vault reference (Pseudonym__Key).')
param pseudonymKey string = ''

@description('True when this deployment writes the Key Vault secret reports-signing-key from reportsSigningKey: the first deployment of an environment, or a rotation of the register\'s report key.')
param createReportsSigningKey bool = false

@secure()
@description('The register\'s report signing key, a PKCS#8 PEM of an EC P-256 key, base64-encoded so it fits one line of the azd environment; read only when createReportsSigningKey is true. Given to the app as a Key Vault reference (Reports__SigningKey).')
param reportsSigningKeyBase64 string = ''

// Per-unit trust (contract v2): each upstream unit's principal may send to credit-ingest and
// credit-subjects and read its own notices queue, nothing else (modules/unitaccess.bicep).
@description('Unit code -> Entra object id of that unit\'s upstream principal, e.g. { \'SH-HRSS-ENFORCEMENT\': \'<objectId>\' }. Each unit gets the queue notices-{unit code in lower case}; an empty id creates the queue without any assignment.')
param unitPrincipals object = {}

@description('Entra object ids of the operators (best: one group). They may upload to the credit-config container and inspect, clear and replay poison queues (bicep/README.md, runbook).')
param operatorPrincipalIds string[] = []

@description('Email address that receives every alert (a shared operations mailbox).')
param alertEmailAddress string

@description('Availability-test location ids for the /api/health test. Empty: three in Asia on Azure public cloud, and no test elsewhere; in Azure China list the ids first (bicep/README.md, "Health check").')
param availabilityTestLocations string[] = []

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('dotnet-isolated runtime version of the Flex Consumption app.')
param dotnetVersion string = '10.0'

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Maximum number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Tags applied to every resource.')
param tags object = {
  application: 'credit-functions'
  environment: environmentName
}

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
// Names are computed here (not taken from module outputs) so What-If can predict every resource id.
var functionAppName = 'func-credit-${environmentName}-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var applicationInsightsName = 'appi-credit-${environmentName}-${resourceToken}'
var logAnalyticsName = 'log-credit-${environmentName}-${resourceToken}'
var deploymentContainerName = 'app-package'
// Data that changes without a deploy: catalogue versions, the working-day calendar, units' public keys.
var configContainerName = 'credit-config'
var pseudonymKeySecretName = 'pseudonym-key'

// Table Storage tables: one per kind of record the app keeps.
var tableNames = [
  'Records' // current state, history chain, expiry index and outbox rows, in 32 subject buckets
  'RecordLocators' // record id -> subject bucket
  'Rejections' // everything refused, verbatim, with its reason
  'Idempotency' // messages already applied
  'AccessLog' // who looked at a subject (art12)
  'UnitQuality' // per unit: timeliness and rejection counts (art7)
  'Freshness' // per source: last arrival and active records by kind
  'Objections' // art10 workflow
  'Repairs' // art11 workflow
  'Watches' // partners' watches, their feeds, the fan-out's index and callback delivery state
  'Reports' // credit reports as issued (signed), one row per report number
]

// Queues, each with its poison queue where a trigger reads it (the host moves a message there after
// maxDequeueCount attempts; creating them up front keeps role assignments and alerts simple).
var queueNames = [
  'credit-ingest'
  'credit-ingest-poison'
  'credit-subjects'
  'credit-subjects-poison'
  'credit-ingest-rejected'
  'credit-platform-outbox'
  'credit-platform-outbox-poison'
  'credit-objections'
  'credit-escalations'
  'credit-notifications'
  'watch-deliveries'
  'watch-deliveries-poison'
]

var containerNames = [
  deploymentContainerName
  // Claim check: `recordsBlob` lists too large for one queue message.
  'credit-ingest-blobs'
  configContainerName
]

module monitoring 'modules/monitoring.bicep' = {
  name: '${environmentName}-monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'modules/storage.bicep' = {
  name: '${environmentName}-storage'
  params: {
    location: location
    tags: tags
    storageAccountName: storageAccountName
    skuName: storageSkuName
    tableNames: tableNames
    queueNames: queueNames
    containerNames: containerNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: '${environmentName}-keyvault'
  params: {
    location: location
    tags: tags
    keyVaultName: keyVaultName
    pseudonymKeySecretName: pseudonymKeySecretName
    createPseudonymKey: createPseudonymKey
    pseudonymKey: pseudonymKey
    createReportsSigningKey: createReportsSigningKey
    reportsSigningKey: empty(reportsSigningKeyBase64) ? '' : base64ToString(reportsSigningKeyBase64)
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: '${environmentName}-functionapp'
  params: {
    location: location
    // azd finds the app that service `api` (azure.yaml) deploys to by this tag.
    tags: union(tags, { 'azd-service-name': 'api' })
    planName: 'plan-credit-${environmentName}-${resourceToken}'
    functionAppName: functionAppName
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    runtimeVersion: dotnetVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    entraClientId: entraClientId
    entraTenantId: entraTenantId
  }
}

module roles 'modules/roles.bicep' = {
  name: '${environmentName}-roles'
  params: {
    functionAppName: functionAppName
    principalId: functionApp.outputs.principalId
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
  }
  // The scopes are named by the variables above, so the modules that create them are listed here
  // (storage comes first anyway: the function app's deployment container lives in it).
  dependsOn: [
    monitoring
    keyVault
  ]
}

module unitAccess 'modules/unitaccess.bicep' = {
  name: '${environmentName}-unitaccess'
  params: {
    storageAccountName: storageAccountName
    unitPrincipals: unitPrincipals
    // Where units write: records and subject facts.
    sharedQueueNames: [
      'credit-ingest'
      'credit-subjects'
    ]
  }
  // The shared queues are created by the storage module.
  dependsOn: [
    storage
  ]
}

module operatorAccess 'modules/operatoraccess.bicep' = {
  name: '${environmentName}-operatoraccess'
  params: {
    storageAccountName: storageAccountName
    operatorPrincipalIds: operatorPrincipalIds
    configContainerName: configContainerName
    triggeredQueueNames: filter(queueNames, name => contains(queueNames, '${name}-poison'))
  }
  // The container and queues are created by the storage module.
  dependsOn: [
    storage
  ]
}

module appSettings 'modules/appsettings.bicep' = {
  name: '${environmentName}-appsettings'
  params: {
    functionAppName: functionAppName
    storageAccountName: storageAccountName
    blobEndpoint: storage.outputs.blobEndpoint
    configContainerName: configContainerName
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    pseudonymKeySecretUri: keyVault.outputs.pseudonymKeySecretUri
    reportsSigningKeySecretUri: keyVault.outputs.reportsSigningKeySecretUri
    platformBaseUrl: platformBaseUrl
    platformScope: platformScope
    entraTenantId: entraTenantId
    entraClientId: entraClientId
    defaultHostName: functionApp.outputs.defaultHostName
  }
  // The settings reference storage, Key Vault and Application Insights through the app's identity:
  // its roles must exist before the app restarts with them. (The app itself is a dependency already: its
  // host name is a parameter.)
  dependsOn: [
    roles
  ]
}

// Watching it: alerts to one action group, the /api/health test, platform logs into the workspace and the
// operations workbook. All of them read what monitoring, storage, Key Vault and the app create.
module alerts 'modules/alerts.bicep' = {
  name: '${environmentName}-alerts'
  params: {
    location: location
    tags: tags
    environmentName: environmentName
    applicationInsightsName: applicationInsightsName
    logAnalyticsName: logAnalyticsName
    alertEmailAddress: alertEmailAddress
  }
  dependsOn: [
    monitoring
  ]
}

module availability 'modules/availability.bicep' = {
  name: '${environmentName}-availability'
  params: {
    location: location
    tags: tags
    environmentName: environmentName
    applicationInsightsName: applicationInsightsName
    defaultHostName: functionApp.outputs.defaultHostName
    testLocations: availabilityTestLocations
    actionGroupId: alerts.outputs.actionGroupId
  }
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: '${environmentName}-diagnostics'
  params: {
    logAnalyticsName: logAnalyticsName
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    functionAppName: functionAppName
  }
  dependsOn: [
    monitoring
    storage
    keyVault
    functionApp
  ]
}

module workbook 'modules/workbook.bicep' = {
  name: '${environmentName}-workbook'
  params: {
    location: location
    tags: tags
    environmentName: environmentName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    monitoring
  ]
}

@description('Name of the function app.')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Where the /api/health availability test runs from; empty: no test was created (pass availabilityTestLocations).')
output healthTestLocations string[] = availability.outputs.testLocations

// Upper case on purpose: azd keeps each output in the environment under its own name, and the hooks
// (bicep/scripts/azd-*.sh) read this one to check the vault before a deployment could write the key.
@description('Name of the Key Vault holding pseudonym-key.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
