// Every BullMQ queue and job name lives here, so producers and consumers cannot drift apart.
export enum QueueName {
  Delivery = 'delivery',
}

export enum JobName {
  DeliverConnector = 'deliver-connector',
}
