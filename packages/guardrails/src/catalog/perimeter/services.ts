/** Services the data-perimeter RCPs cover: the stores and credentials PHI flows through. */
export const PERIMETER_ACTIONS = ['s3:*', 'kms:*', 'sqs:*', 'secretsmanager:*'];
