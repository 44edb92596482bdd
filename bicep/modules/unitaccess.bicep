// What each upstream unit's own principal may do, and nothing more (contract v2, "Notices go only to their
// unit"): put messages on credit-ingest and credit-subjects, and read and delete the messages on its own
// queue notices-{unit code in lower case}. Every assignment is scoped to the queue itself, not the account,
// so a unit can neither read another unit's notices nor dequeue what the app is about to ingest.
//
// A unit listed with an empty object id gets its queue but no assignments yet: the app can already leave
// notices there for it to read once it is onboarded.
//
// Names are guid(queue id, unit code, role): stable across deployments and known to What-If. Changing a
// unit's principal therefore fails (ARM will not repoint an assignment): delete the unit's three old
// assignments first (bicep/README.md, "Per-unit access"). Removing a unit from the map removes nothing
// (incremental deployment): delete its assignments by hand.

@description('Name of the storage account that holds the queues.')
param storageAccountName string

@description('Unit code -> Entra object id of that unit\'s upstream principal (a service principal, managed identity or group); an empty id creates the queue only.')
param unitPrincipals object

@description('Queues every unit may send to.')
param sharedQueueNames string[]

// Built-in roles (same ids in every cloud, Azure China included).
var roles = {
  // Add messages, nothing else: no peek, no dequeue.
  queueMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  // Peek, receive and delete messages: what reading one's notices takes.
  queueMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
}

var units = items(unitPrincipals)

// Every (unit, shared queue) pair of units that have a principal, for the sender assignments.
var senderPairs = flatten(map(
  filter(units, unit => !empty(unit.value)),
  unit => map(sharedQueueNames, queueName => {
    unit: unit.key
    principalId: unit.value
    queueName: queueName
  })
))

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource sharedQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [
  for queueName in sharedQueueNames: {
    parent: queueService
    name: queueName
  }
]

// Unit codes are upper-case letters, digits and hyphens (SH-HRSS-ENFORCEMENT, court), which lower-cased give
// a valid queue name; anything else is refused by Storage at deployment, naming the queue.
resource noticeQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for unit in units: {
    parent: queueService
    name: 'notices-${toLower(unit.key)}'
  }
]

resource senders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in senderPairs: {
    name: guid(sharedQueues[indexOf(sharedQueueNames, pair.queueName)].id, pair.unit, roles.queueMessageSender)
    scope: sharedQueues[indexOf(sharedQueueNames, pair.queueName)]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageSender)
      principalId: pair.principalId
      // No principalType: a unit's principal may be a service principal, a managed identity or a group.
      description: 'Unit ${pair.unit} sends to ${pair.queueName}'
    }
  }
]

resource noticeReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (unit, i) in units: if (!empty(unit.value)) {
    name: guid(noticeQueues[i].id, unit.key, roles.queueMessageProcessor)
    scope: noticeQueues[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageProcessor)
      principalId: unit.value
      description: 'Unit ${unit.key} reads its own notices'
    }
  }
]

@description('The notices queues created, one per unit.')
output noticeQueueNames string[] = [for (unit, i) in units: noticeQueues[i].name]
