import { ADMIN, prove } from '../simulation';

prove('ProtectConfig', {
  deny: [
    { name: 'a developer stopping the recorder', action: 'config:StopConfigurationRecorder' },
    { name: 'a developer deleting the delivery channel', action: 'config:DeleteDeliveryChannel' },
  ],
  allow: [
    { name: 'the exempt admin updating the recorder', action: 'config:PutConfigurationRecorder', principal: ADMIN },
    { name: 'a developer reading compliance', action: 'config:DescribeComplianceByConfigRule' },
  ],
});
