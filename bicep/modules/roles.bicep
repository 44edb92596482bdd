// Role assignments for the function app's system-assigned identity. Built-in role definition ids,
// deterministic names, each at the narrowest scope that works.
//
// Names are guid(scope, function app resource id, role): known before deployment (What-If can show them)
// and stable across redeployments. The principal id is only known once the app exists, so it is used
// in the properties, not the name. If the app is ever deleted and recreated (new identity), delete its
// old role assignments first, or ARM refuses to repoint an existing assignment at the new principal.

@description('Name of the function app whose identity gets the roles.')
param functionAppName string

@description('Object id of the function app\'s managed identity.')
param principalId string

@description('Name of the storage account (scope of the data-plane roles).')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault holding the pseudonym key.')
param keyVaultName string

// Built-in roles (ids are the same in every Azure cloud, Azure China included).
var roles = {
  // Host storage (azure-webjobs-hosts/-secrets: leases, keys), the Flex deployment package and the
  // claim-check container credit-ingest-blobs. Owner, not Contributor: the Functions host needs it
  // for identity-based AzureWebJobsStorage.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queue triggers (peek, dequeue, delete), poison queues and the app's own sends.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Every record lives in Table Storage.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Application Insights with local auth disabled accepts telemetry only from this role.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  // Read secret values: the Key Vault reference for Pseudonym__Key.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

var functionAppId = resourceId('Microsoft.Web/sites', functionAppName)

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, functionAppId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionAppId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionAppId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
