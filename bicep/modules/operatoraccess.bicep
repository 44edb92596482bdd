// What the operators (an Entra group, or a few people) need for the runbook in bicep/README.md, scoped to
// the containers and queues it names rather than the account:
//  - upload catalogue versions, the working-day calendar and source keys to the config container;
//  - read and delete what sits in a poison queue, and put it back on the queue it came from.
// Nobody gets table access here: records are changed by the app alone.
//
// Names are guid(scope, principal id, role): stable, and a principal added or removed from the list
// adds or leaves its own assignments only.

@description('Name of the storage account.')
param storageAccountName string

@description('Entra object ids of the operators (users or, better, one group).')
param operatorPrincipalIds string[]

@description('Blob container holding the data that changes without a deploy.')
param configContainerName string

@description('Queues read by a trigger; each has its poison queue {queue}-poison, where the host puts a message that failed every attempt.')
param triggeredQueueNames string[]

var roles = {
  // Read, write and delete blobs (and their versions) in the one container.
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Peek, receive and delete: inspect a poison message, and remove it once replayed.
  queueMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
  // Add a message: the replay onto the original queue.
  queueMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
}

var poisonQueueNames = map(triggeredQueueNames, name => '${name}-poison')

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource configContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = {
  parent: blobService
  name: configContainerName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [
  for name in poisonQueueNames: {
    parent: queueService
    name: name
  }
]

resource replayQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [
  for name in triggeredQueueNames: {
    parent: queueService
    name: name
  }
]

resource configUploaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in operatorPrincipalIds: {
    name: guid(configContainer.id, principalId, roles.blobDataContributor)
    scope: configContainer
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
      principalId: principalId
      description: 'Operators upload catalogue, calendar and source keys'
    }
  }
]

// One assignment per (operator, poison queue) pair: the loops below run over the product.
var pairs = flatten(map(operatorPrincipalIds, principalId => map(range(0, length(poisonQueueNames)), q => {
  principalId: principalId
  queue: q
})))

resource poisonReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in pairs: {
    name: guid(poisonQueues[pair.queue].id, pair.principalId, roles.queueMessageProcessor)
    scope: poisonQueues[pair.queue]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageProcessor)
      principalId: pair.principalId
      description: 'Operators inspect and clear ${poisonQueueNames[pair.queue]}'
    }
  }
]

resource replaySenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in pairs: {
    name: guid(replayQueues[pair.queue].id, pair.principalId, roles.queueMessageSender)
    scope: replayQueues[pair.queue]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageSender)
      principalId: pair.principalId
      description: 'Operators replay poison messages onto ${triggeredQueueNames[pair.queue]}'
    }
  }
]
