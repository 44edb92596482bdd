// Platform logs and metrics into the Log Analytics workspace: the storage account and its blob, queue and
// table services, the Key Vault and the function app.
//
// Categories are named one by one rather than by category group: groups are not offered everywhere
// (sovereign clouds lag), and for the app only FunctionAppLogs is wanted. App Service's HTTP logs would
// carry request URLs, and URLs carry ID numbers (/api/subjects/{id}/credit), which must not reach a log in
// clear text. Storage logs carry only table keys, which for individuals are pseudonyms.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the function app.')
param functionAppName string

var settingName = 'to-log-analytics'

var storageLogs = [
  for category in ['StorageRead', 'StorageWrite', 'StorageDelete']: {
    category: category
    enabled: true
  }
]

var transactionMetrics = [
  {
    category: 'Transaction'
    enabled: true
  }
]

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The account itself has metrics only; its logs are per service below.
resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: storage
  properties: {
    workspaceId: logAnalytics.id
    metrics: transactionMetrics
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: blobService
  properties: {
    workspaceId: logAnalytics.id
    logs: storageLogs
    metrics: transactionMetrics
  }
}

// StorageWrite here is what the poison-moves alert reads (PutMessage on *-poison queues).
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: queueService
  properties: {
    workspaceId: logAnalytics.id
    logs: storageLogs
    metrics: transactionMetrics
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: tableService
  properties: {
    workspaceId: logAnalytics.id
    logs: storageLogs
    metrics: transactionMetrics
  }
}

// AuditEvent: every read of the pseudonym key, by whom.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: vault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: functionApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}
